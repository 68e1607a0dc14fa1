// Hardhat 3 configuration for the Sigillo anchoring contract (NotificationLedger).
//
// - solc 0.8.37 comes from the npm `solc` package (soljson.js, WebAssembly):
//   Hardhat never downloads a compiler.
// - Tests: `npx hardhat test mocha` runs test/contracts/** on Hardhat's default
//   in-process simulated network.
// - Networks: `localhost` (a `npx hardhat node` on 127.0.0.1:8545) and, only when
//   both CHAIN_RPC_URL and ANCHOR_PRIVATE_KEY are set, `chain` (any EVM JSON-RPC
//   endpoint, signing with the anchoring key).
import { createRequire } from 'node:module';

import hardhatToolboxMochaEthers from '@nomicfoundation/hardhat-toolbox-mocha-ethers';
import { defineConfig } from 'hardhat/config';
import type { NetworkUserConfig } from 'hardhat/types/config';

const require = createRequire(import.meta.url);

const networks: Record<string, NetworkUserConfig> = {
  localhost: {
    type: 'http',
    chainType: 'l1',
    url: 'http://127.0.0.1:8545',
  },
};

const chainRpcUrl = process.env.CHAIN_RPC_URL;
const anchorPrivateKey = process.env.ANCHOR_PRIVATE_KEY;
if (chainRpcUrl && anchorPrivateKey) {
  networks.chain = {
    type: 'http',
    chainType: 'l1',
    url: chainRpcUrl,
    accounts: [anchorPrivateKey],
  };
}

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    version: '0.8.37',
    path: require.resolve('solc/soljson.js'),
    settings: {
      // `anchor` is called every checkpoint for the life of the contract and
      // deployed once: optimise for runtime gas, not for deployment size.
      optimizer: { enabled: true, runs: 1_000_000 },
      evmVersion: 'cancun',
    },
  },
  paths: {
    tests: {
      mocha: 'test/contracts',
    },
  },
  networks,
});
