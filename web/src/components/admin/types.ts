// The shapes of the administration routes' answers: the server's response schemas
// (src/http/contract/admin.ts), so drift fails `tsc -p web`.

import type {
  AuditPage as ContractAuditPage,
  PeerInfo as ContractPeer,
  PeerList as ContractPeerList,
  ApiToken as ContractToken,
  TokenList as ContractTokenList,
  AdminUser as ContractUser,
  UserList as ContractUserList,
} from '../../../../src/http/contract/admin.js';

export type AdminUser = ContractUser;
export type Role = AdminUser['role'];
export const ROLES = ['analyst', 'liaison', 'admin'] as const satisfies readonly Role[];
export type ApiToken = ContractToken;
export type PeerInfo = ContractPeer;
export type HealthState = PeerInfo['health']['state'];
export type UserList = ContractUserList;
export type TokenList = ContractTokenList;
export type PeerList = ContractPeerList;
export type AuditPage = ContractAuditPage;
