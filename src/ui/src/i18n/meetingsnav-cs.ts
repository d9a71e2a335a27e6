import type { enMeetingsNav } from './meetingsnav-en.js';

/** Odkaz seznamu úkolů na domluvení schůzky (issue 19); texty schůzek viz meetings-cs.ts. */
export const csMeetingsNav: Record<keyof typeof enMeetingsNav, string> = {
  mtgBookFromList: 'Domluvit schůzku',
};
