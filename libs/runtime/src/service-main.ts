import { ConfigError } from '@gpb/config';

/**
 * Runs a process entry point: a bad configuration prints every problem and exits 1; SIGINT/SIGTERM
 * close the service cleanly.
 */
export function runMain(name: string, start: () => Promise<{ close(): Promise<void> }>): void {
  start()
    .then((running) => {
      let closing = false;
      const stop = (signal: string) => {
        if (closing) return;
        closing = true;
        process.stderr.write(`${name}: ${signal}, shutting down\n`);
        running
          .close()
          .then(() => process.exit(0))
          .catch(() => process.exit(1));
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    })
    .catch((error: unknown) => {
      if (error instanceof ConfigError) process.stderr.write(`${name}: ${error.message}\n`);
      else process.stderr.write(`${name}: failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exit(1);
    });
}
