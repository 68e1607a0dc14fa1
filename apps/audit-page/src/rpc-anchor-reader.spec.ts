import { Interface } from 'ethers';
import { NOTIFICATION_LEDGER_ABI } from '#sigillo/chain/core';
import { LEDGER_ABI_IDS, RpcAnchorReader, type FetchLike } from './rpc-anchor-reader.js';

const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const TX = `0x${'ab'.repeat(32)}`;
const ROOT = 'c0'.repeat(32);
const abi = new Interface(NOTIFICATION_LEDGER_ABI);

/** A fake node: answers each method with what `replies` says (a result, or a JSON-RPC error). */
function node(replies: Record<string, unknown | { error: unknown }>): { fetch: FetchLike; calls: { method: string; params: unknown[] }[] } {
  const calls: { method: string; params: unknown[] }[] = [];
  const fetch: FetchLike = async (_url, init) => {
    const { id, method, params } = JSON.parse(init.body) as { id: number; method: string; params: unknown[] };
    calls.push({ method, params });
    const reply = replies[method];
    const body =
      reply && typeof reply === 'object' && 'error' in reply ? { jsonrpc: '2.0', id, error: reply.error } : { jsonrpc: '2.0', id, result: reply ?? null };
    return { status: 200, json: async () => body };
  };
  return { fetch, calls };
}

function receipt(overrides: Record<string, unknown> = {}, log: Record<string, unknown> = {}) {
  const event = abi.encodeEventLog('CheckpointAnchored', [10n, `0x${ROOT}`, 6n]);
  return {
    status: '0x1',
    to: CONTRACT.toLowerCase(),
    blockNumber: '0x11',
    logs: [
      { address: '0x0000000000000000000000000000000000000001', topics: event.topics, data: event.data },
      { address: CONTRACT, topics: event.topics, data: event.data, ...log },
    ],
    ...overrides,
  };
}

describe('RpcAnchorReader', () => {
  it('carries the selectors and topic of the contract ABI', () => {
    expect(LEDGER_ABI_IDS).toEqual({
      rootAt: abi.getFunction('rootAt')!.selector,
      notAnchored: abi.getError('NotAnchored')!.selector,
      checkpointAnchored: abi.getEvent('CheckpointAnchored')!.topicHash,
    });
  });

  it('asks the chain id once and calls rootAt(uint64) with ABI-encoded arguments', async () => {
    const encoded = abi.encodeFunctionResult('rootAt', [`0x${ROOT}`, 1234n]);
    const { fetch, calls } = node({ eth_chainId: '0x7a69', eth_call: encoded });
    const reader = new RpcAnchorReader('http://rpc.test', { fetch });
    expect(await reader.chainId()).toBe(31337n);
    expect(await reader.chainId()).toBe(31337n);
    expect(Buffer.from((await reader.rootAt(CONTRACT, 10n))!).toString('hex')).toBe(ROOT);
    expect(calls.map((c) => c.method)).toEqual(['eth_chainId', 'eth_call']);
    expect(calls[1].params).toEqual([{ to: CONTRACT.toLowerCase(), data: abi.encodeFunctionData('rootAt', [10n]) }, 'latest']);
  });

  it('reads "not anchored" as ethers does: a NotAnchored revert, a zero root, or no code at the address', async () => {
    const revert = { error: { code: 3, message: 'execution reverted', data: abi.encodeErrorResult('NotAnchored', [10n]) } };
    const nested = { error: { code: -32000, message: 'execution reverted', data: { data: abi.encodeErrorResult('NotAnchored', [10n]) } } };
    const zero = abi.encodeFunctionResult('rootAt', [`0x${'00'.repeat(32)}`, 0n]);
    for (const reply of [revert, nested, zero, '0x']) {
      expect(await new RpcAnchorReader('http://rpc.test', node({ eth_call: reply })).rootAt(CONTRACT, 10n)).toBeNull();
    }
    const other = { error: { code: 3, message: 'execution reverted: something else', data: '0xdeadbeef' } };
    await expect(new RpcAnchorReader('http://rpc.test', node({ eth_call: other })).rootAt(CONTRACT, 10n)).rejects.toThrow(
      'chain RPC http://rpc.test failed: eth_call: execution reverted: something else',
    );
    await expect(new RpcAnchorReader('http://rpc.test', node({ eth_call: '0x1234' })).rootAt(CONTRACT, 10n)).rejects.toThrow(/could not decode/);
  });

  it('finds the CheckpointAnchored log of the contract in a successful transaction to it', async () => {
    const read = (r: unknown) => new RpcAnchorReader('http://rpc.test', node({ eth_getTransactionReceipt: r })).anchorTransaction(CONTRACT, TX);
    const found = await read(receipt());
    expect(found).toEqual({ blockNumber: 17n, treeSize: 10n, root: new Uint8Array(Buffer.from(ROOT, 'hex')) });
    expect(await read(null)).toBeNull();
    expect(await read(receipt({ status: '0x0' }))).toBeNull();
    expect(await read(receipt({ to: '0x0000000000000000000000000000000000000002' }))).toBeNull();
    expect(await read(receipt({ to: null }))).toBeNull();
    expect(await read(receipt({}, { address: '0x0000000000000000000000000000000000000003' }))).toBeNull();
    expect(await read(receipt({}, { topics: [`0x${'11'.repeat(32)}`] }))).toBeNull();
  });

  it('says which URL failed and how, in one line', async () => {
    expect(() => new RpcAnchorReader('ws://rpc.test')).toThrow('chain RPC URL "ws://rpc.test" must be http:// or https://');
    expect(() => new RpcAnchorReader('not a url')).toThrow('chain RPC URL "not a url" is not a valid URL');
    const refused: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(new RpcAnchorReader('http://rpc.test', { fetch: refused }).chainId()).rejects.toThrow(
      'chain RPC http://rpc.test is unreachable (Failed to fetch: no answer, or the node does not allow requests from this page (CORS))',
    );
    const html: FetchLike = async () => ({ status: 404, json: async () => JSON.parse('<html>') });
    await expect(new RpcAnchorReader('http://rpc.test', { fetch: html }).chainId()).rejects.toThrow(
      'chain RPC http://rpc.test is not a JSON-RPC endpoint (HTTP 404, body is not JSON)',
    );
  });
});
