export { ccdaService } from './ccda.service';
