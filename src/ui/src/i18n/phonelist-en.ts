/** English words of the task list on a phone, where the forms above the list fold (issue 24). */
export const enPhoneList = {
  moreFilters: 'More filters',
};
