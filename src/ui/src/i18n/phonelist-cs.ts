import type { enPhoneList } from './phonelist-en.js';

/** Czech words of the task list on a phone (issue 24). */
export const csPhoneList: Record<keyof typeof enPhoneList, string> = {
  moreFilters: 'Další filtry',
};
