import type { DemoNode } from './run-demo.js';

/** Seeds the scenario that shows the Agreement at work. Filled in as capabilities land. */
export async function seedScenario(_nodes: readonly DemoNode[]): Promise<void> {}
