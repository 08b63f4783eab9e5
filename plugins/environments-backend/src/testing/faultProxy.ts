import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to requests for one AWS service (the SigV4 scope's service name). */
export type Fault =
  | { service: string; kind: 'throttle' }
  | { service: string; kind: 'deny' }
  | { service: string; kind: 'error' }
  | { service: string; kind: 'delay'; ms: number };

/** The signing name of a request, e.g. `monitoring`, `rds`, `ce`, `tagging`, `s3`, `elasticache`. */
function signingService(req: http.IncomingMessage): string | undefined {
  const auth = req.headers.authorization ?? '';
  return auth.match(
    /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/,
  )?.[1];
}

/**
 * A small HTTP proxy on 127.0.0.1 in front of moto that throttles, refuses, breaks or delays the
 * requests of one AWS service and passes everything else through. `requests` counts requests per
 * service (every attempt, retries included).
 */
export class FaultProxy {
  fault?: Fault;
  readonly requests = new Map<string, number>();
  private server?: http.Server;

  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    const target = new URL(this.target);
    this.server = http.createServer((req, res) => {
      const service = signingService(req) ?? 'unsigned';
      this.requests.set(service, (this.requests.get(service) ?? 0) + 1);
      const fault = this.fault?.service === service ? this.fault : undefined;
      if (fault?.kind === 'throttle') {
        req.resume();
        res.writeHead(400, {
          'content-type': 'text/xml',
          'x-amzn-errortype': 'Throttling',
        });
        res.end(
          '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>1</RequestId></ErrorResponse>',
        );
        return;
      }
      if (fault?.kind === 'deny') {
        req.resume();
        res.writeHead(403, {
          'content-type': 'text/xml',
          'x-amzn-errortype': 'AccessDenied',
        });
        res.end(
          '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized</Message></Error><RequestId>1</RequestId></ErrorResponse>',
        );
        return;
      }
      if (fault?.kind === 'error') {
        req.resume();
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal failure');
        return;
      }
      const forward = () => {
        const upstream = http.request(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
          },
          response => {
            res.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(res);
          },
        );
        upstream.on('error', () => {
          res.destroy();
        });
        req.pipe(upstream);
      };
      if (fault?.kind === 'delay') {
        const timer = setTimeout(forward, fault.ms);
        res.on('close', () => clearTimeout(timer));
      } else {
        forward();
      }
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise<void>(
      resolve => this.server?.close(() => resolve()) ?? resolve(),
    );
  }
}
