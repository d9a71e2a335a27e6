/**
 * Meetings in the client's calendar (issue 19), in the app: the client's Meetings part, a
 * task's "Book a meeting" and Today's meetings. Each is a chunk of its own with its words,
 * loaded when it shows: the first screen's JavaScript budget (src/ui/vite.config.ts) has no
 * room for them, and Today shows only a small list.
 */
import { lazyScreen } from '../parts/lazy-screen.js';
import type { ClientMeetingsProps } from './client-meetings.js';
import type { TaskMeetingProps } from './task-meeting.js';
import type { TodayMeetingsProps } from './today-meetings.js';

const client = lazyScreen<ClientMeetingsProps>(() =>
  import('./client-meetings.js').then((m) => m.default),
);
const task = lazyScreen<TaskMeetingProps>(() => import('./task-meeting.js').then((m) => m.default));
const today = lazyScreen<TodayMeetingsProps>(() =>
  import('./today-meetings.js').then((m) => m.default),
);

/** The Meetings part of a client's card: calendar, rules, the next meetings. */
export const ClientMeetings = client.Screen;
/** The Meeting part of a call or mail task: book, then move or cancel. */
export const TaskMeeting = task.Screen;
/** Today's meetings per client. */
export const TodayMeetings = today.Screen;
