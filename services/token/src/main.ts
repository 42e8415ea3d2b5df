import 'reflect-metadata';
import { runServiceMain } from '@gpb/runtime';
import { tokenService } from './token.service';

runServiceMain(tokenService);
