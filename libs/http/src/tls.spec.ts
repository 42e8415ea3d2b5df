import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { callUpstream } from './call-upstream';

/** A throwaway CA with a server certificate (127.0.0.1) and a client certificate, made by openssl. */
function makePki(): { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gpb-pki-'));
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=Test CA');
  for (const name of ['server', 'client']) {
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    writeFileSync(join(dir, `${name}.ext`), name === 'server' ? 'subjectAltName=IP:127.0.0.1\n' : 'extendedKeyUsage=clientAuth\n');
    ssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '1', '-extfile', `${name}.ext`);
  }
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return { ca: read('ca.pem'), serverCert: read('server.pem'), serverKey: read('server.key'), clientCert: read('client.pem'), clientKey: read('client.key') };
}

const haveOpenssl = spawnSync('openssl', ['version']).status === 0;

(haveOpenssl ? describe : describe.skip)('callUpstream over mutual TLS', () => {
  let server: Server;
  let url: string;
  let pki: ReturnType<typeof makePki>;

  beforeAll(async () => {
    pki = makePki();
    server = createServer({ cert: pki.serverCert, key: pki.serverKey, ca: pki.ca, requestCert: true, rejectUnauthorized: true }, (request, response) => {
      const peer = (request.socket as TLSSocket).getPeerCertificate();
      response.end(`hello ${peer.subject?.CN ?? 'nobody'}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('presents the client certificate and trusts the given CA', async () => {
    const tls = { cert: pki.clientCert, key: pki.clientKey, ca: pki.ca };
    expect(await callUpstream({ method: 'GET', url, tls }, { timeoutMs: 5_000 })).toMatchObject({ ok: true, status: 200, body: 'hello client' });
  });

  it('fails as a network error without a client certificate', async () => {
    expect(await callUpstream({ method: 'GET', url }, { timeoutMs: 5_000, maxAttempts: 1 })).toEqual({ ok: false, kind: 'network', attempts: 1 });
  });
});
