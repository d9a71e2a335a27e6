import type { enPromotions } from './promotions-en.js';

/** Czech words of promotions and schedule rules (the type asks for every English key). */
export const csPromotions: Record<keyof typeof enPromotions, string> = {
  'promo.liveNow': 'Teď na webu',
  'promo.noneLive': 'Teď neběží žádná akce.',
  'promo.liveUntil': 'Na webu do {date}',
  'promo.takingDown': 'Skončila {date}; stahuje se z webu',
  'promo.startsOn': 'Zveřejní se {date}',
  'promo.ended': 'Skončila {date}',
  'promo.onSite': 'na webu {site}',
  'srv.ruleNever':
    'Toto opakování nikdy nenastane: takový den v kalendáři není (například 30. února). Zvolte den, který existuje.',
  'srv.ruleInvalid':
    'Tomuto opakování sitedesk nerozumí. Zvolte znovu dny a čas, nebo ho napište jako FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0.',
};
