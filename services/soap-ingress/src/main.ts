import 'reflect-metadata';
import { runServiceMain } from '@gpb/runtime';
import { soapIngressService } from './soap-ingress.service';

runServiceMain(soapIngressService);
