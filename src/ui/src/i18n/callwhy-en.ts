/**
 * English words of why a call was put through or not (issue 24): the server stores a code with
 * its facts, the screen says it here. Each sentence follows "Decision: … — ".
 */
export const enCallWhy = {
  'callWhy.no-rule-within-hours':
    'no forwarding rule matches this caller or topic; the client is within hours.',
  'callWhy.no-rule-outside-hours':
    'no forwarding rule matches this caller or topic, and the client is outside hours (next reachable {next}).',
  'callWhy.rule-within-hours':
    'rule “{rule}” matches ({match}) and the client is within hours ({range}).',
  'callWhy.rule-any-time':
    'outside hours, but rule “{rule}” ({match}) puts calls through at any time.',
  'callWhy.rule-only-within-hours':
    'rule “{rule}” matches ({match}), but only within hours; the client is next reachable {next}.',
  'callWhy.unreachable': 'the client is unreachable until {until}{note}; next reachable {next}.',
  'callWhy.unreachableRule':
    'the client is unreachable until {until}{note}: rule “{rule}” matches ({match}), but the client cannot take calls now; next reachable {next}.',
  'callWhy.note': ' ({note})',
  'callWhy.match.any-caller': 'every caller',
  'callWhy.match.caller': 'caller {value}',
  'callWhy.match.topic': 'topic “{value}”',
  'callWhy.notSoon': 'not within the next three weeks',
  'callWhy.unknown': 'the reason was not recorded.',
};
