/**
 * The app's way to the meeting parts (issue 19): the task list's link to a call's or mail's
 * booking. The parts' own words come with their chunks (meetings-en.ts).
 */
export const enMeetingsNav = {
  mtgBookFromList: 'Book a meeting',
};
