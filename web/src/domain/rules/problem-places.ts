import { pointerTokens } from './json-pointer';

/** The server's problems (JSON pointers into a rule definition), placed on the part of the form they are about. */
export interface Problem { pointer: string; message: string }

export type ProblemPlace =
  | { area: 'conditions'; node: string; field: string }
  | { area: 'actions'; index: number; field: string }
  | { area: 'definition'; field: string };

/**
 * Where a pointer into a rule definition lands: `/conditions/all/0/operator` is the
 * `operator` of the node `/all/0`; `/actions/1/agentId` the `agentId` of action 1.
 */
export function placeOf(pointer: string): ProblemPlace {
  const path = pointerTokens(pointer.replace(/^#/, ''));
  const [head, ...rest] = path;
  if (head === 'conditions') {
    let node = '';
    let i = 0;
    while (i < rest.length) {
      const token = rest[i]!;
      if ((token === 'all' || token === 'any') && /^\d+$/.test(rest[i + 1] ?? '')) {
        node += `/${token}/${rest[i + 1]}`;
        i += 2;
      } else if (token === 'not') {
        node += '/not';
        i += 1;
      } else break;
    }
    return { area: 'conditions', node, field: rest.slice(i).join('/') };
  }
  if (head === 'actions' && /^\d+$/.test(rest[0] ?? '')) return { area: 'actions', index: Number(rest[0]), field: rest.slice(1).join('/') };
  return { area: 'definition', field: path.join('/') };
}

/** Problems about a definition sent inside a larger body (`{ definition }`), re-rooted at the definition. */
export function withinDefinition(problems: readonly Problem[], prefix = '/definition'): Problem[] {
  return problems.map((problem) => (problem.pointer === prefix || problem.pointer.startsWith(`${prefix}/`)
    ? { ...problem, pointer: problem.pointer.slice(prefix.length) || '' }
    : problem));
}

export function conditionProblems(problems: readonly Problem[], node: string): (Problem & { field: string })[] {
  return problems.flatMap((problem) => {
    const place = placeOf(problem.pointer);
    return place.area === 'conditions' && place.node === node ? [{ ...problem, field: place.field }] : [];
  });
}

export function actionProblems(problems: readonly Problem[], index: number): (Problem & { field: string })[] {
  return problems.flatMap((problem) => {
    const place = placeOf(problem.pointer);
    return place.area === 'actions' && place.index === index ? [{ ...problem, field: place.field }] : [];
  });
}

/** Problems about the definition's own fields (`name`, `events`, `timeTrigger/afterSeconds`, or `actions` as a whole). */
export function definitionProblems(problems: readonly Problem[], field: string): Problem[] {
  return problems.filter((problem) => {
    const place = placeOf(problem.pointer);
    return place.area === 'definition' && (place.field === field || place.field.startsWith(`${field}/`));
  });
}
