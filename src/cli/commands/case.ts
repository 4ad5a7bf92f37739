import { addMeasure, createCase, getCase, listCases, updateMeasure } from '../../exchange/case-service.js';
import { ctxOf } from '../../exchange/records.js';
import { MEASURE_STATES, type MeasureState } from '../../exchange/types/case.js';
import { TLP_ORDER, type TlpLevel } from '../../policy/index.js';
import { type Command, print, UsageError } from '../command.js';
import { stringOption, withNode } from '../node-context.js';
import { actingUser, required } from './exchange.js';
import { oneId } from './workflow.js';

// Joint cases of Article 6 for scripts: open one, list and show them, add a measure or move
// one on. The rules are the console's: the case-service checks who may do what.

const parties = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);

export const caseCreate: Command = {
  name: 'case create',
  usage:
    'accord case create --as USER --title TEXT --with CODE,… [--description TEXT] [--tlp LEVEL] [--json]',
  options: {
    as: { type: 'string' },
    title: { type: 'string' },
    with: { type: 'string' },
    description: { type: 'string' },
    tlp: { type: 'string' },
  },
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument '${ctx.positionals[0]}'`);
    const as = required(ctx, 'as');
    const title = required(ctx, 'title');
    const participants = parties(required(ctx, 'with'));
    const tlp = stringOption(ctx, 'tlp');
    if (tlp !== undefined && !(TLP_ORDER as readonly string[]).includes(tlp))
      throw new UsageError(`--tlp must be one of ${TLP_ORDER.join(', ')}`);
    const description = stringOption(ctx, 'description');
    const c = await withNode(ctx, async (node) =>
      createCase(node, ctxOf(await actingUser(node, as)), {
        title,
        participants,
        ...(description ? { description } : {}),
        ...(tlp ? { tlp: tlp as TlpLevel } : {}),
      }),
    );
    print(ctx, c, () => c.id);
    return 0;
  },
};

export const caseList: Command = {
  name: 'case list',
  usage: 'accord case list --as USER [--state open|closed] [--json]',
  options: { as: { type: 'string' }, state: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument '${ctx.positionals[0]}'`);
    const as = required(ctx, 'as');
    const state = stringOption(ctx, 'state');
    if (state !== undefined && state !== 'open' && state !== 'closed')
      throw new UsageError('--state must be open or closed');
    const page = await withNode(ctx, async (node) =>
      listCases(node, ctxOf(await actingUser(node, as)), state ? { state } : {}, 200),
    );
    print(ctx, page, () =>
      page.items.length === 0
        ? 'no cases'
        : page.items
            .map((c) => `${c.id}  ${c.state.padEnd(6)}  ${c.participants.join(',')}  ${c.title}`)
            .join('\n'),
    );
    return 0;
  },
};

export const caseShow: Command = {
  name: 'case show',
  usage: 'accord case show ID --as USER [--json]',
  options: { as: { type: 'string' } },
  async run(ctx) {
    const id = oneId(ctx, 'accord case show ID --as USER');
    const as = required(ctx, 'as');
    const c = await withNode(ctx, async (node) => getCase(node, ctxOf(await actingUser(node, as)), id));
    print(ctx, c, () =>
      [
        `${c.id}  ${c.state}  ${c.title}`,
        `  owner ${c.owner}; participants ${c.participants.join(', ')}`,
        ...c.measures.map(
          (m) => `  measure ${m.id}  ${m.state.padEnd(11)}  ${m.assignee}  due ${m.due}  ${m.title}`,
        ),
        ...c.timeline.map((e) => `  ${e.at}  ${e.actor.party} ${e.actor.user}: ${e.action}`),
      ].join('\n'),
    );
    return 0;
  },
};

export const caseMeasure: Command = {
  name: 'case measure',
  usage:
    'accord case measure ID --as USER (--add TITLE --assignee CODE --due YYYY-MM-DD | --measure MEASURE_ID --state planned|in-progress|done|cancelled) [--json]',
  options: {
    as: { type: 'string' },
    add: { type: 'string' },
    assignee: { type: 'string' },
    due: { type: 'string' },
    measure: { type: 'string' },
    state: { type: 'string' },
  },
  async run(ctx) {
    const id = oneId(ctx, 'accord case measure ID --as USER (--add … | --measure … --state …)');
    const as = required(ctx, 'as');
    const add = stringOption(ctx, 'add');
    const measure = stringOption(ctx, 'measure');
    if ((add === undefined) === (measure === undefined))
      throw new UsageError('give either --add TITLE (a new measure) or --measure ID --state STATE');
    let state: MeasureState | undefined;
    if (measure !== undefined) {
      const s = required(ctx, 'state');
      if (!(MEASURE_STATES as readonly string[]).includes(s))
        throw new UsageError(`--state must be one of ${MEASURE_STATES.join(', ')}`);
      state = s as MeasureState;
    }
    const assignee = add !== undefined ? required(ctx, 'assignee').toUpperCase() : '';
    const due = add !== undefined ? required(ctx, 'due') : '';
    if (add !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(due))
      throw new UsageError('--due takes a date, YYYY-MM-DD');
    const c = await withNode(ctx, async (node) => {
      const x = ctxOf(await actingUser(node, as));
      return add !== undefined
        ? addMeasure(node, x, id, { title: add, assignee, due })
        : updateMeasure(node, x, id, measure!, state!);
    });
    print(ctx, c, () =>
      c.measures
        .map((m) => `${m.id}  ${m.state.padEnd(11)}  ${m.assignee}  due ${m.due}  ${m.title}`)
        .join('\n'),
    );
    return 0;
  },
};
