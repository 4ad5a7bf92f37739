// The 18 STIX Cyber-observable Objects of STIX 2.1 (section 6). Predefined extensions
// (archive-ext, tcp-ext, …) are typed loosely as dictionaries; the validator knows their shape.
import type { Hashes, ScoBase, StixId, Timestamp } from './types-common.js';

export interface Artifact extends ScoBase {
  type: 'artifact';
  mime_type?: string;
  payload_bin?: string;
  url?: string;
  hashes?: Hashes;
  encryption_algorithm?: string;
  decryption_key?: string;
}

export interface AutonomousSystem extends ScoBase {
  type: 'autonomous-system';
  number: number;
  name?: string;
  rir?: string;
}

export interface Directory extends ScoBase {
  type: 'directory';
  path: string;
  path_enc?: string;
  ctime?: Timestamp;
  mtime?: Timestamp;
  atime?: Timestamp;
  contains_refs?: StixId[];
}

export interface DomainName extends ScoBase {
  type: 'domain-name';
  value: string;
  resolves_to_refs?: StixId[];
}

export interface EmailAddr extends ScoBase {
  type: 'email-addr';
  value: string;
  display_name?: string;
  belongs_to_ref?: StixId;
}

export interface EmailMimePart {
  body?: string;
  body_raw_ref?: StixId;
  content_type?: string;
  content_disposition?: string;
}

export interface EmailMessage extends ScoBase {
  type: 'email-message';
  is_multipart: boolean;
  date?: Timestamp;
  content_type?: string;
  from_ref?: StixId;
  sender_ref?: StixId;
  to_refs?: StixId[];
  cc_refs?: StixId[];
  bcc_refs?: StixId[];
  message_id?: string;
  subject?: string;
  received_lines?: string[];
  additional_header_fields?: Record<string, string | string[]>;
  body?: string;
  body_multipart?: EmailMimePart[];
  raw_email_ref?: StixId;
}

export interface File extends ScoBase {
  type: 'file';
  hashes?: Hashes;
  size?: number;
  name?: string;
  name_enc?: string;
  magic_number_hex?: string;
  mime_type?: string;
  ctime?: Timestamp;
  mtime?: Timestamp;
  atime?: Timestamp;
  parent_directory_ref?: StixId;
  contains_refs?: StixId[];
  content_ref?: StixId;
}

export interface Ipv4Addr extends ScoBase {
  type: 'ipv4-addr';
  value: string;
  resolves_to_refs?: StixId[];
  belongs_to_refs?: StixId[];
}

export interface Ipv6Addr extends ScoBase {
  type: 'ipv6-addr';
  value: string;
  resolves_to_refs?: StixId[];
  belongs_to_refs?: StixId[];
}

export interface MacAddr extends ScoBase {
  type: 'mac-addr';
  value: string;
}

export interface Mutex extends ScoBase {
  type: 'mutex';
  name: string;
}

export interface NetworkTraffic extends ScoBase {
  type: 'network-traffic';
  start?: Timestamp;
  end?: Timestamp;
  is_active?: boolean;
  src_ref?: StixId;
  dst_ref?: StixId;
  src_port?: number;
  dst_port?: number;
  protocols: string[];
  src_byte_count?: number;
  dst_byte_count?: number;
  src_packets?: number;
  dst_packets?: number;
  ipfix?: Record<string, string | number>;
  src_payload_ref?: StixId;
  dst_payload_ref?: StixId;
  encapsulates_refs?: StixId[];
  encapsulated_by_ref?: StixId;
}

export interface Process extends ScoBase {
  type: 'process';
  is_hidden?: boolean;
  pid?: number;
  created_time?: Timestamp;
  cwd?: string;
  command_line?: string;
  environment_variables?: Record<string, string>;
  opened_connection_refs?: StixId[];
  creator_user_ref?: StixId;
  image_ref?: StixId;
  parent_ref?: StixId;
  child_refs?: StixId[];
}

export interface Software extends ScoBase {
  type: 'software';
  name: string;
  cpe?: string;
  swid?: string;
  languages?: string[];
  vendor?: string;
  version?: string;
}

export interface Url extends ScoBase {
  type: 'url';
  value: string;
}

export interface UserAccount extends ScoBase {
  type: 'user-account';
  user_id?: string;
  credential?: string;
  account_login?: string;
  account_type?: string;
  display_name?: string;
  is_service_account?: boolean;
  is_privileged?: boolean;
  can_escalate_privs?: boolean;
  is_disabled?: boolean;
  account_created?: Timestamp;
  account_expires?: Timestamp;
  credential_last_changed?: Timestamp;
  account_first_login?: Timestamp;
  account_last_login?: Timestamp;
}

export interface WindowsRegistryValue {
  name?: string;
  data?: string;
  data_type?: string;
}

export interface WindowsRegistryKey extends ScoBase {
  type: 'windows-registry-key';
  key?: string;
  values?: WindowsRegistryValue[];
  modified_time?: Timestamp;
  creator_user_ref?: StixId;
  number_of_subkeys?: number;
}

export interface X509Certificate extends ScoBase {
  type: 'x509-certificate';
  is_self_signed?: boolean;
  hashes?: Hashes;
  version?: string;
  serial_number?: string;
  signature_algorithm?: string;
  issuer?: string;
  validity_not_before?: Timestamp;
  validity_not_after?: Timestamp;
  subject?: string;
  subject_public_key_algorithm?: string;
  subject_public_key_modulus?: string;
  subject_public_key_exponent?: number;
  x509_v3_extensions?: Record<string, string>;
}

export type StixSco =
  | Artifact
  | AutonomousSystem
  | Directory
  | DomainName
  | EmailAddr
  | EmailMessage
  | File
  | Ipv4Addr
  | Ipv6Addr
  | MacAddr
  | Mutex
  | NetworkTraffic
  | Process
  | Software
  | Url
  | UserAccount
  | WindowsRegistryKey
  | X509Certificate;
