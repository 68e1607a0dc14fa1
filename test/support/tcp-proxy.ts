import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { boundedStop } from './bounded-stop.js';

export interface TcpProxyOptions {
  /** `host:port` or a URL such as `http://127.0.0.1:8545`. */
  target: string;
  /** 0 (the default) picks a free port; it is kept across pause/resume. */
  listenPort?: number;
}

export interface TcpProxy {
  url: string;
  port: number;
  /** Stops listening and cuts every open connection: the target looks unreachable (ECONNREFUSED). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** A TCP forwarder in front of a service, so e2e tests can take it away and bring it back. */
export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const target = parseTarget(options.target);
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const listen = async (port: number): Promise<number> => {
    const s = createServer((client) => {
      const upstream = createConnection(target);
      track(client);
      track(upstream);
      // Either side failing ends the pair, as a real outage would.
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen({ port, host: HOST }, () => resolve());
    });
    server = s;
    return (s.address() as { port: number }).port;
  };

  const cut = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  const stop = () => {
    const s = server;
    server = undefined;
    cut();
    // A connection accepted meanwhile would hold close() up: cut again.
    return boundedStop({
      what: `the TCP proxy to ${options.target}`,
      stop: () => s && new Promise<void>((resolve) => s.close(() => resolve())),
      ms: 5_000,
      waitingFor: () => `${sockets.size} connection(s)`,
      force: cut,
    });
  };

  const port = await listen(options.listenPort ?? 0);
  return {
    url: `http://${HOST}:${port}`,
    port,
    pause: stop,
    resume: async () => {
      if (!server) await listen(port);
    },
    close: stop,
  };
}

function parseTarget(target: string): { host: string; port: number } {
  if (target.includes('://')) {
    const url = new URL(target);
    return { host: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) };
  }
  const at = target.lastIndexOf(':');
  const port = Number(target.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port)) throw new Error(`proxy target must be host:port or a URL, got ${target}`);
  return { host: target.slice(0, at), port };
}
