/*
 * What customers actually send, decided once by the default keywords: every message here either
 * opts out of marketing or does not. A change to the keywords or to the rule that moves any of
 * these shows up as a failing line, not as a silenced customer.
 */
import { DEFAULT_OPT_OUT_KEYWORDS, matchOptOut } from './opt-out-keywords.js';

const OPTS_OUT: readonly string[] = [
  // Italian
  'STOP',
  'Stop',
  'stop.',
  'Stop!!',
  'STOP 🛑',
  'Arresta',
  'Cancellami',
  'Cancellami per favore',
  'Disiscrivimi',
  'disiscrivimi grazie',
  'Disiscrivermi',
  'Rimuovimi',
  'Basta messaggi',
  'basta messaggi!',
  'BASTA MESSAGGI',
  'Basta, messaggi',
  'Basta messaggi, grazie',
  'Per favore basta messaggi',
  'Basta pubblicità',
  'basta pubblicita',
  'Basta promozioni',
  'Basta spam',
  'Non scrivermi più',
  'non scrivermi piu',
  "Non scrivermi piu'",
  'Non scrivermi più!!!',
  'NON SCRIVETEMI PIÙ',
  'Non contattatemi più',
  'Non contattarmi più, grazie',
  'Non voglio più ricevere messaggi',
  'Non voglio piu ricevere messaggi.',
  'non voglio ricevere più messaggi',
  'Non voglio più messaggi',
  'Non mandatemi più messaggi',
  'Non inviatemi più messaggi',
  'Niente più messaggi',
  'Stop messaggi',
  'Stop promozioni',
  'Stop pubblicità',
  'Stop marketing',
  'Annulla iscrizione',
  'Cancella iscrizione',
  // English, including Meta's quick-reply texts
  'Stop promotions',
  'Unsubscribe from Promos',
  'unsubscribe from promos',
  'Stop promos',
  'Unsubscribe',
  'Unsubscribe me',
  'Unsubscribe, please',
  'Please unsubscribe me. Thanks!',
  'STOPALL',
  'stop all',
  'Stop messages',
  'Stop sending messages',
  'Stop messaging me',
  'Remove me',
  'No more messages',
  'Do not contact me',
  "Don't contact me",
  'Don’t message me',
  'opt out',
  'Opt-out',
  'optout',
  // Written the way phones write
  'ＳＴＯＰ',
  '\u200bstop\u200b',
  'Stop\u00a0promotions',
  '  basta   messaggi  ',
];

const DOES_NOT: readonly string[] = [
  // Italian: conversation, not a refusal
  'non fermarti',
  'Non fermatevi!',
  'Basta',
  'Basta così, grazie',
  'basta così',
  'Fine',
  'Grazie',
  'Grazie mille!',
  'Ok grazie',
  'Non scrivermi più a quest’ora',
  'Non voglio più ricevere messaggi sulla spedizione, solo email',
  'Potete fermare la spedizione? stop',
  'Lo stop alla consegna è possibile?',
  'Messaggi ricevuti, grazie',
  'Vorrei cancellare l’ordine',
  'Cancella l’ordine',
  'Annulla',
  'Annulla ordine',
  'Quando arriva il pacco?',
  'stop stop',
  'non stop',
  'stoppare la consegna',
  'disiscrivimi dalla newsletter e dal sito',
  // English: conversation, not a refusal
  'stop by the shop tomorrow',
  "I'll stop by the shop tomorrow",
  'can I stop the order?',
  'Please stop the delivery',
  'Cancel',
  'Cancel my order',
  'End',
  'Quit',
  'Stopped',
  'Bus stop',
  'No more messages about this order please, just the invoice',
  'Thanks',
  'please',
  // Nothing to read
  '',
  '   ',
  '🛑',
  '!!!',
];

describe('opt-out corpus (default keywords)', () => {
  it.each(OPTS_OUT)('%j opts out of marketing', (text) => {
    expect(matchOptOut(text, DEFAULT_OPT_OUT_KEYWORDS)).not.toBeNull();
  });

  it.each(DOES_NOT)('%j does not opt out', (text) => {
    expect(matchOptOut(text, DEFAULT_OPT_OUT_KEYWORDS)).toBeNull();
  });
});

describe("opt-out corpus with a tenant's own keywords", () => {
  const keywords = [...DEFAULT_OPT_OUT_KEYWORDS, 'Basta offerte', 'Niente sconti'];

  it.each(['Basta offerte', 'basta offerte!', 'Niente sconti, grazie'])('%j opts out', (text) => {
    expect(matchOptOut(text, keywords)).not.toBeNull();
  });

  it.each(['Basta offerte per oggi', 'Niente', 'sconti'])('%j does not', (text) => {
    expect(matchOptOut(text, keywords)).toBeNull();
  });

  it("another tenant's keyword is not one of the defaults", () => {
    expect(matchOptOut('Basta offerte', DEFAULT_OPT_OUT_KEYWORDS)).toBeNull();
  });
});
