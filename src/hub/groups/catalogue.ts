import { birthGroup } from './birth.ts';
import { deathGroup } from './death.ts';
import type { GroupDefinition } from './group.ts';
import { voluntarySiGroup } from './voluntary-si.ts';

/** The procedure groups this hub offers. A new group is one more file and one more line here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const GROUPS: Readonly<Record<string, GroupDefinition<any>>> = {
  birth: birthGroup,
  death: deathGroup,
  'voluntary-si': voluntarySiGroup,
};

export const GROUP_CODES = Object.keys(GROUPS);
