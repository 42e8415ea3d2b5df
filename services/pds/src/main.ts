import 'reflect-metadata';
import { runServiceMain } from '@gpb/runtime';
import { pdsService } from './pds.service';

runServiceMain(pdsService);
