import 'reflect-metadata';
import { runServiceMain } from '@gpb/runtime';
import { ccdaService } from './ccda.service';

runServiceMain(ccdaService);
