/** English words of promotions and schedule rules (issue 23): live until, starts, ended. */
export const enPromotions = {
  'promo.liveNow': 'Live now',
  'promo.noneLive': 'No promotion is live right now.',
  'promo.liveUntil': 'Live until {date}',
  'promo.takingDown': 'Ended {date}; being taken off the site',
  'promo.startsOn': 'Goes live {date}',
  'promo.ended': 'Ended {date}',
  'promo.onSite': 'on {site}',
  // The server words these itself, in a sentence naming the day or field (rule-words.ts).
  'srv.ruleNever': '{message}',
  'srv.ruleInvalid': '{message}',
} as const;
