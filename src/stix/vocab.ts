// Closed enumerations and fixed values from the STIX 2.1 specification. Open vocabularies are
// not listed: any string is valid for them.

export const EXTENSION_TYPES: ReadonlySet<string> = new Set([
  'new-sdo',
  'new-sco',
  'new-sro',
  'property-extension',
  'toplevel-property-extension',
]);

export const OPINION_VALUES: ReadonlySet<string> = new Set([
  'strongly-disagree',
  'disagree',
  'neutral',
  'agree',
  'strongly-agree',
]);

export const ENCRYPTION_ALGORITHMS: ReadonlySet<string> = new Set([
  'AES-256-GCM',
  'ChaCha20-Poly1305',
  'mime-type-indicated',
]);

export const WINDOWS_REGISTRY_DATATYPES: ReadonlySet<string> = new Set([
  'REG_NONE',
  'REG_SZ',
  'REG_EXPAND_SZ',
  'REG_BINARY',
  'REG_DWORD',
  'REG_DWORD_BIG_ENDIAN',
  'REG_DWORD_LITTLE_ENDIAN',
  'REG_LINK',
  'REG_MULTI_SZ',
  'REG_RESOURCE_LIST',
  'REG_FULL_RESOURCE_DESCRIPTION',
  'REG_RESOURCE_REQUIREMENTS_LIST',
  'REG_QWORD',
  'REG_INVALID_TYPE',
]);

export const WINDOWS_INTEGRITY_LEVELS: ReadonlySet<string> = new Set(['low', 'medium', 'high', 'system']);

export const WINDOWS_SERVICE_START_TYPES: ReadonlySet<string> = new Set([
  'SERVICE_AUTO_START',
  'SERVICE_BOOT_START',
  'SERVICE_DEMAND_START',
  'SERVICE_DISABLED',
  'SERVICE_SYSTEM_ALERT',
]);

export const WINDOWS_SERVICE_TYPES: ReadonlySet<string> = new Set([
  'SERVICE_KERNEL_DRIVER',
  'SERVICE_FILE_SYSTEM_DRIVER',
  'SERVICE_WIN32_OWN_PROCESS',
  'SERVICE_WIN32_SHARE_PROCESS',
]);

export const WINDOWS_SERVICE_STATUSES: ReadonlySet<string> = new Set([
  'SERVICE_CONTINUE_PENDING',
  'SERVICE_PAUSE_PENDING',
  'SERVICE_PAUSED',
  'SERVICE_RUNNING',
  'SERVICE_START_PENDING',
  'SERVICE_STOP_PENDING',
  'SERVICE_STOPPED',
]);

/** The only TLP 1.0 marking definitions STIX 2.1 permits (section 7.2.1.4), by level. */
export const TLP_MARKING_IDS: ReadonlyMap<string, string> = new Map([
  ['white', 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9'],
  ['green', 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da'],
  ['amber', 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82'],
  ['red', 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed'],
]);

/**
 * Hash values for the hashing-algorithm-ov names. A key outside this table is a custom hash
 * and may hold any string. Hex is accepted in either case: hash values are not the `hex` type.
 */
export const HASH_FORMATS: ReadonlyMap<string, { re: RegExp; expect: string }> = new Map([
  ['MD5', { re: /^[0-9a-fA-F]{32}$/, expect: '32 hexadecimal digits' }],
  ['SHA-1', { re: /^[0-9a-fA-F]{40}$/, expect: '40 hexadecimal digits' }],
  ['SHA-256', { re: /^[0-9a-fA-F]{64}$/, expect: '64 hexadecimal digits' }],
  ['SHA-512', { re: /^[0-9a-fA-F]{128}$/, expect: '128 hexadecimal digits' }],
  ['SHA3-256', { re: /^[0-9a-fA-F]{64}$/, expect: '64 hexadecimal digits' }],
  ['SHA3-512', { re: /^[0-9a-fA-F]{128}$/, expect: '128 hexadecimal digits' }],
  ['SSDEEP', { re: /^\d{1,10}:[0-9A-Za-z/+]+:[0-9A-Za-z/+]+$/, expect: 'blocksize:hash:hash' }],
  // TLSH digests are 70 hex digits, printed by current tools with a "T1" version prefix.
  ['TLSH', { re: /^(?:T1)?[0-9a-fA-F]{70}$/, expect: '70 hexadecimal digits, optionally prefixed "T1"' }],
]);

/** Lower-cased, punctuation-free spelling → the vocabulary name, to catch `sha256` for `SHA-256`. */
export const HASH_NAME_LOOKALIKES: ReadonlyMap<string, string> = new Map(
  [...HASH_FORMATS.keys()].map((name) => [name.toLowerCase().replace(/[-_]/g, ''), name]),
);

/** Predefined SCO extensions (section 6) and the SCO type each belongs to. */
export const PREDEFINED_EXTENSIONS: ReadonlyMap<string, string> = new Map([
  ['archive-ext', 'file'],
  ['ntfs-ext', 'file'],
  ['pdf-ext', 'file'],
  ['raster-image-ext', 'file'],
  ['windows-pebinary-ext', 'file'],
  ['http-request-ext', 'network-traffic'],
  ['icmp-ext', 'network-traffic'],
  ['socket-ext', 'network-traffic'],
  ['tcp-ext', 'network-traffic'],
  ['windows-process-ext', 'process'],
  ['windows-service-ext', 'process'],
  ['unix-account-ext', 'user-account'],
]);

export const SOCKET_ADDRESS_FAMILIES: ReadonlySet<string> = new Set([
  'AF_UNSPEC',
  'AF_INET',
  'AF_IPX',
  'AF_APPLETALK',
  'AF_NETBIOS',
  'AF_INET6',
  'AF_IRDA',
  'AF_BTH',
]);

export const SOCKET_TYPES: ReadonlySet<string> = new Set([
  'SOCK_STREAM',
  'SOCK_DGRAM',
  'SOCK_RAW',
  'SOCK_RDM',
  'SOCK_SEQPACKET',
]);
