import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

import { packageBin, repoRoot } from '#sigillo/platform';

/**
 * Hardhat's default accounts (mnemonic "test test test test test test test test test test test
 * junk"). Publicly known keys: for local nodes and tests only.
 */
export const hardhatAccounts = [
  {
    address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  },
  {
    address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    privateKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  },
  {
    address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
    privateKey: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  },
  {
    address: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
    privateKey: '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  },
  {
    address: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
    privateKey: '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  },
] as const;

export interface StartHardhatNodeOptions {
  port: number;
  host?: string;
  /** Where Hardhat looks for its config; the project root by default. */
  cwd?: string;
  /** Every output line of the node, as it comes (the node is chatty: one line per request). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  startTimeoutMs?: number;
}

export interface HardhatNode {
  url: string;
  chainId: bigint;
  process: ChildProcess;
  /** Kills the node and anything it started; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILL to the node and anything it started, at once: for a caller that cannot wait any longer. */
  kill(): void;
}

export class PortInUseError extends Error {}

const TAIL_LINES = 20;

export async function startHardhatNode(options: StartHardhatNodeOptions): Promise<HardhatNode> {
  const { port, host = '127.0.0.1', cwd = repoRoot(), onLine, startTimeoutMs = 30_000 } = options;
  await assertPortFree(host, port);

  const url = `http://${host}:${port}`;
  // Own process group, so stop() reaches any helper Hardhat spawns and a Ctrl-C in the caller's
  // terminal does not kill the node before the caller has stopped what depends on it.
  const child = spawn(process.execPath, [packageBin('hardhat'), 'node', '--hostname', host, '--port', String(port)], {
    cwd,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });

  const tail: string[] = [];
  for (const [stream, name] of [
    [child.stdout!, 'stdout'],
    [child.stderr!, 'stderr'],
  ] as const) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      onLine?.(line, name);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => stopProcessGroup(child, exited);
  const kill = () => signalGroup(child, 'SIGKILL');

  try {
    const chainId = await waitForChainId(url, child, exited, startTimeoutMs);
    return { url, chainId, process: child, stop, kill };
  } catch (err) {
    await stop();
    const output = tail.length > 0 ? `\nlast output of the node:\n  ${tail.map(stripAnsi).join('\n  ')}` : '';
    throw new Error(`Hardhat node on ${url} did not start: ${(err as Error).message}${output}`);
  }
}

/**
 * The node logs every JSON-RPC request: the method name (red when it failed), then indented
 * details. Returns a line filter keeping only failed requests with their details, which is all a
 * developer needs while the stack runs. Stateful: one per node.
 */
export function hardhatNodeErrorFilter(): (line: string) => boolean {
  let inFailedRequest = false;
  return (line) => {
    const plain = stripAnsi(line);
    if (plain.trim() === '') return false;
    const mentionsError = /\b(error|revert(ed)?|panic)\b/i.test(plain);
    if (!/^\s/.test(plain)) inFailedRequest = line.includes('\u001b[31m');
    return inFailedRequest || mentionsError;
  };
}

export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}

async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new PortInUseError(
              `port ${port} on ${host} is already in use (another Hardhat node?); stop that process ` +
                `(\`ss -ltnp 'sport = :${port}'\` shows it) or choose another port`,
            )
          : err,
      ),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

async function waitForChainId(url: string, child: ChildProcess, exited: Promise<void>, timeoutMs: number): Promise<bigint> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`the process exited (code ${child.exitCode ?? child.signalCode})`);
    const chainId = await tryChainId(url);
    if (chainId !== undefined) return chainId;
    if (Date.now() > deadline) throw new Error(`eth_chainId did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function tryChainId(url: string): Promise<bigint | undefined> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1000),
    });
    const body = (await res.json()) as { result?: string };
    return typeof body.result === 'string' ? BigInt(body.result) : undefined;
  } catch {
    return undefined; // not listening yet
  }
}

async function stopProcessGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child, 'SIGTERM');
  const killed = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(killed);
  // The leader may go before helpers it started; make sure none outlive it.
  signalGroup(child, 'SIGKILL');
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}
