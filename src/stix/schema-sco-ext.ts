// Property tables of the predefined SCO extensions (archive-ext, tcp-ext, …).
import {
  bool,
  dict,
  hashes,
  hex,
  int,
  num,
  obj,
  objs,
  oneOf,
  type PropSpec,
  ref,
  refs,
  req,
  type Shape,
  shape,
  str,
  strs,
  ts,
} from './schema-types.js';
import {
  SOCKET_ADDRESS_FAMILIES,
  SOCKET_TYPES,
  WINDOWS_INTEGRITY_LEVELS,
  WINDOWS_SERVICE_START_TYPES,
  WINDOWS_SERVICE_STATUSES,
  WINDOWS_SERVICE_TYPES,
} from './vocab.js';

const count = int(0);

function ints(...names: string[]): Record<string, PropSpec> {
  return Object.fromEntries(names.map((name) => [name, int()]));
}

function hexes(...names: string[]): Record<string, PropSpec> {
  return Object.fromEntries(names.map((name) => [name, hex]));
}

const peOptionalHeader = obj(
  ints(
    'major_linker_version',
    'minor_linker_version',
    'size_of_code',
    'size_of_initialized_data',
    'size_of_uninitialized_data',
    'address_of_entry_point',
    'base_of_code',
    'base_of_data',
    'image_base',
    'section_alignment',
    'file_alignment',
    'major_os_version',
    'minor_os_version',
    'major_image_version',
    'minor_image_version',
    'major_subsystem_version',
    'minor_subsystem_version',
    'size_of_image',
    'size_of_headers',
    'size_of_stack_reserve',
    'size_of_stack_commit',
    'size_of_heap_reserve',
    'size_of_heap_commit',
    'number_of_rva_and_sizes',
  ),
  hexes(
    'magic_hex',
    'win32_version_value_hex',
    'checksum_hex',
    'subsystem_hex',
    'dll_characteristics_hex',
    'loader_flags_hex',
  ),
  { hashes },
);

const EXTENSION_PROPS: Record<string, Record<string, PropSpec>> = {
  'archive-ext': { contains_refs: req(refs('file', 'directory')), comment: str },
  'ntfs-ext': { sid: str, alternate_data_streams: objs({ name: req(str), hashes, size: count }) },
  'pdf-ext': { version: str, is_optimized: bool, document_info_dict: dict, pdfid0: str, pdfid1: str },
  'raster-image-ext': { image_height: int(), image_width: int(), bits_per_pixel: int(), exif_tags: dict },
  'windows-pebinary-ext': {
    pe_type: req(str),
    imphash: str,
    ...hexes('machine_hex', 'pointer_to_symbol_table_hex', 'characteristics_hex'),
    number_of_sections: count,
    time_date_stamp: ts,
    number_of_symbols: count,
    size_of_optional_header: count,
    file_header_hashes: hashes,
    optional_header: peOptionalHeader,
    sections: objs({ name: req(str), size: count, entropy: num(), hashes }),
  },
  'http-request-ext': {
    request_method: req(str),
    request_value: req(str),
    request_version: str,
    request_header: dict,
    message_body_length: count,
    message_body_data_ref: ref('artifact'),
  },
  'icmp-ext': { icmp_type_hex: req(hex), icmp_code_hex: req(hex) },
  'socket-ext': {
    address_family: req(oneOf(SOCKET_ADDRESS_FAMILIES)),
    is_blocking: bool,
    is_listening: bool,
    options: dict,
    socket_type: oneOf(SOCKET_TYPES),
    socket_descriptor: count,
    socket_handle: int(),
  },
  'tcp-ext': { src_flags_hex: hex, dst_flags_hex: hex },
  'windows-process-ext': {
    aslr_enabled: bool,
    dep_enabled: bool,
    priority: str,
    owner_sid: str,
    window_title: str,
    startup_info: dict,
    integrity_level: oneOf(WINDOWS_INTEGRITY_LEVELS),
  },
  'windows-service-ext': {
    service_name: str,
    descriptions: strs,
    display_name: str,
    group_name: str,
    start_type: oneOf(WINDOWS_SERVICE_START_TYPES),
    service_dll_refs: refs('file'),
    service_type: oneOf(WINDOWS_SERVICE_TYPES),
    service_status: oneOf(WINDOWS_SERVICE_STATUSES),
  },
  'unix-account-ext': { gid: int(), groups: strs, home_dir: str, shell: str },
};

export const EXTENSION_SHAPES: ReadonlyMap<string, Shape> = new Map(
  Object.entries(EXTENSION_PROPS).map(([name, props]) => [name, shape(props)]),
);
