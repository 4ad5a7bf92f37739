import type { Command } from '../command.js';
import {
  agreementDepositary,
  agreementObligations,
  agreementRecord,
  agreementStatusCommand,
} from './agreement.js';
import { auditVerify } from './audit.js';
import { caseCreate, caseList, caseMeasure, caseShow } from './case.js';
import { consentAsk, consentGrant, consentList, consentRefuse, consentWithdraw } from './consent.js';
import { demo } from './demo.js';
import { notify, request } from './exchange.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { init } from './init.js';
import { lookupCommand } from './lookup.js';
import { patternCheck, patternMatch } from './pattern.js';
import { peerAdd, peerList, peerRemove } from './peer.js';
import { serve } from './serve.js';
import { hub, sync } from './sync.js';
import { tokenCreate, userAdd, userList, userPassword } from './users.js';
import { validate } from './validate.js';
import { notifyAck, requestAnswer, requestDecline, requestPartlyAnswer } from './workflow.js';

/** Every `accord` command, in the order `accord --help` lists them. */
export const COMMANDS: Command[] = [
  init,
  serve,
  demo,
  validate,
  patternCheck,
  patternMatch,
  importCommand,
  notify,
  notifyAck,
  request,
  requestAnswer,
  requestPartlyAnswer,
  requestDecline,
  caseCreate,
  caseList,
  caseShow,
  caseMeasure,
  consentAsk,
  consentList,
  consentGrant,
  consentRefuse,
  consentWithdraw,
  exportCommand,
  lookupCommand,
  peerAdd,
  peerList,
  peerRemove,
  sync,
  hub,
  userAdd,
  userList,
  userPassword,
  tokenCreate,
  auditVerify,
  agreementStatusCommand,
  agreementRecord,
  agreementDepositary,
  agreementObligations,
];
