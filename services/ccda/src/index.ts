export { ccdaService } from './ccda.service';
export { convert } from './cli/convert';
