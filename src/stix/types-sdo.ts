// The 19 STIX Domain Objects of STIX 2.1 (section 4), with the properties the spec defines.
import type { ExternalReference, KillChainPhase, StixCoreBase, StixId, Timestamp } from './types-common.js';

export interface AttackPattern extends StixCoreBase {
  type: 'attack-pattern';
  name: string;
  description?: string;
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
}

export interface Campaign extends StixCoreBase {
  type: 'campaign';
  name: string;
  description?: string;
  aliases?: string[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  objective?: string;
}

export interface CourseOfAction extends StixCoreBase {
  type: 'course-of-action';
  name: string;
  description?: string;
}

export interface Grouping extends StixCoreBase {
  type: 'grouping';
  name?: string;
  description?: string;
  context: string;
  object_refs: StixId[];
}

export interface Identity extends StixCoreBase {
  type: 'identity';
  name: string;
  description?: string;
  roles?: string[];
  identity_class?: string;
  sectors?: string[];
  contact_information?: string;
}

export interface Incident extends StixCoreBase {
  type: 'incident';
  name: string;
  description?: string;
  kill_chain_phases?: KillChainPhase[];
}

export interface Indicator extends StixCoreBase {
  type: 'indicator';
  name?: string;
  description?: string;
  indicator_types?: string[];
  pattern: string;
  pattern_type: string;
  pattern_version?: string;
  valid_from: Timestamp;
  valid_until?: Timestamp;
  kill_chain_phases?: KillChainPhase[];
}

export interface Infrastructure extends StixCoreBase {
  type: 'infrastructure';
  name: string;
  description?: string;
  infrastructure_types?: string[];
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
}

export interface IntrusionSet extends StixCoreBase {
  type: 'intrusion-set';
  name: string;
  description?: string;
  aliases?: string[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  goals?: string[];
  resource_level?: string;
  primary_motivation?: string;
  secondary_motivations?: string[];
}

export interface Location extends StixCoreBase {
  type: 'location';
  name?: string;
  description?: string;
  latitude?: number;
  longitude?: number;
  precision?: number;
  region?: string;
  country?: string;
  administrative_area?: string;
  city?: string;
  street_address?: string;
  postal_code?: string;
}

export interface Malware extends StixCoreBase {
  type: 'malware';
  name?: string;
  description?: string;
  malware_types?: string[];
  is_family: boolean;
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  operating_system_refs?: StixId[];
  architecture_execution_envs?: string[];
  implementation_languages?: string[];
  capabilities?: string[];
  sample_refs?: StixId[];
}

export interface MalwareAnalysis extends StixCoreBase {
  type: 'malware-analysis';
  product: string;
  version?: string;
  host_vm_ref?: StixId;
  operating_system_ref?: StixId;
  installed_software_refs?: StixId[];
  configuration_version?: string;
  modules?: string[];
  analysis_engine_version?: string;
  analysis_definition_version?: string;
  submitted?: Timestamp;
  analysis_started?: Timestamp;
  analysis_ended?: Timestamp;
  result_name?: string;
  result?: string;
  analysis_sco_refs?: StixId[];
  sample_ref?: StixId;
}

export interface Note extends StixCoreBase {
  type: 'note';
  abstract?: string;
  content: string;
  authors?: string[];
  object_refs: StixId[];
}

export interface ObservedData extends StixCoreBase {
  type: 'observed-data';
  first_observed: Timestamp;
  last_observed: Timestamp;
  number_observed: number;
  object_refs?: StixId[];
  /** Deprecated in 2.1 in favour of object_refs. */
  objects?: Record<string, unknown>;
}

export type OpinionValue = 'strongly-disagree' | 'disagree' | 'neutral' | 'agree' | 'strongly-agree';

export interface Opinion extends StixCoreBase {
  type: 'opinion';
  explanation?: string;
  authors?: string[];
  opinion: OpinionValue;
  object_refs: StixId[];
}

export interface Report extends StixCoreBase {
  type: 'report';
  name: string;
  description?: string;
  report_types?: string[];
  published: Timestamp;
  object_refs: StixId[];
}

export interface ThreatActor extends StixCoreBase {
  type: 'threat-actor';
  name: string;
  description?: string;
  threat_actor_types?: string[];
  aliases?: string[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  roles?: string[];
  goals?: string[];
  sophistication?: string;
  resource_level?: string;
  primary_motivation?: string;
  secondary_motivations?: string[];
  personal_motivations?: string[];
}

export interface Tool extends StixCoreBase {
  type: 'tool';
  name: string;
  description?: string;
  tool_types?: string[];
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
  tool_version?: string;
}

export interface Vulnerability extends StixCoreBase {
  type: 'vulnerability';
  name: string;
  description?: string;
  external_references?: ExternalReference[];
}

export type StixSdo =
  | AttackPattern
  | Campaign
  | CourseOfAction
  | Grouping
  | Identity
  | Incident
  | Indicator
  | Infrastructure
  | IntrusionSet
  | Location
  | Malware
  | MalwareAnalysis
  | Note
  | ObservedData
  | Opinion
  | Report
  | ThreatActor
  | Tool
  | Vulnerability;
