// Hardhat Ignition module deploying the Sigillo anchoring contract.
//
//   npx hardhat ignition deploy ignition/modules/NotificationLedger.ts --network localhost
//
// Parameters (module id "NotificationLedger"), both defaulting to the deployer (account 0):
//   admin    - receives DEFAULT_ADMIN_ROLE (grants/revokes ANCHORER_ROLE)
//   anchorer - receives ANCHORER_ROLE (the key the worker anchors checkpoints with)
// e.g. with --parameters ignition/parameters.json containing
//   { "NotificationLedger": { "admin": "0x...", "anchorer": "0x..." } }
import { buildModule } from '@nomicfoundation/hardhat-ignition/modules';

export default buildModule('NotificationLedger', (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter('admin', deployer);
  const anchorer = m.getParameter('anchorer', deployer);

  const ledger = m.contract('NotificationLedger', [admin, anchorer]);

  return { ledger };
});
