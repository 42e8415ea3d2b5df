import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { REGISTER_PATHS, ServiceName, entryPoint } from './service-catalog';

export interface SupervisedService {
  readonly name: ServiceName;
  readonly env: Readonly<Record<string, string>>;
}

export interface SupervisorOptions {
  /** Compiled output root (the folder holding gateway/, services/, tools/). */
  distRoot?: string;
  /** Where children's output goes; each line is prefixed with the service name. */
  output?: (service: ServiceName, line: string) => void;
}

/** Runs each service as its own OS process, as in a real deployment; can stop and restart one. */
export class ProcessSupervisor {
  private readonly children = new Map<ServiceName, ChildProcess>();
  private readonly specs = new Map<ServiceName, SupervisedService>();

  constructor(private readonly options: SupervisorOptions = {}) {}

  start(service: SupervisedService): void {
    this.specs.set(service.name, service);
    const child = spawn(process.execPath, ['-r', REGISTER_PATHS(this.options.distRoot), entryPoint(service.name, this.options.distRoot)], {
      env: { PATH: process.env['PATH'] ?? '', ...service.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = this.options.output ?? ((name: ServiceName, line: string) => process.stdout.write(`[${name}] ${line}\n`));
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream?.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) output(service.name, line);
      });
    }
    this.children.set(service.name, child);
  }

  /** Starts a stopped service again with the same settings. */
  restart(name: ServiceName): void {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`${name} was never started`);
    this.start(spec);
  }

  /** Stops one service; `kill` sends SIGKILL, as a crash would. */
  async stop(name: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.children.get(name);
    this.children.delete(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.children.keys()].map((name) => this.stop(name)));
  }

  running(): ServiceName[] {
    return [...this.children.keys()];
  }
}
