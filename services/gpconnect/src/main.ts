import 'reflect-metadata';
import { runServiceMain } from '@gpb/runtime';
import { gpconnectService } from './gpconnect.service';

runServiceMain(gpconnectService);
