// Valid variables for each Passweb event type (those the demo bindings map, and a few more), for
// tests and runs that post events.

const PERSON = { firstName: 'Giulia', lastName: 'Rossi', fullName: 'Giulia Rossi' };

export const PASSWEB_EVENT_DATA: Record<string, Record<string, string | number>> = {
  'order.status_changed': {
    ...PERSON,
    documentCode: 'ORD-1042',
    documentStatus: 'Spedito',
    orderTotal: '129.90',
    itemCount: 3,
    newStatus: 'Spedito',
    oldStatus: 'In lavorazione',
    siteUrl: 'https://shop.example/ordini/ORD-1042',
  },
  'cart.abandoned': { ...PERSON, cartTotal: '59.00', cartItemCount: 2, siteUrl: 'https://shop.example/carrello/c-77' },
  'message.sent': { ...PERSON, messageSubject: 'Preventivo', messageText: 'Ecco il preventivo richiesto', siteUrl: 'https://shop.example/area-riservata' },
  'message.read': { ...PERSON, messageSubject: 'Preventivo', messageText: 'Grazie', siteUrl: 'https://shop.example/area-riservata' },
  'activity.status_changed': {
    ...PERSON,
    activityDate: '2026-12-01',
    activitySubject: 'Sopralluogo',
    oldStatus: 'Aperta',
    newStatus: 'Chiusa',
    siteUrl: 'https://shop.example/agenda',
  },
  'activity.acknowledged': { ...PERSON, activityDate: '2026-12-02', activitySubject: 'Consegna', siteUrl: 'https://shop.example/agenda' },
  'activity.reminder': { ...PERSON, activityDate: '2026-12-03', activitySubject: 'Richiamare cliente', siteUrl: 'https://shop.example/agenda' },
  'file.uploaded': { ...PERSON, folderName: 'Contratti', fileName: 'contratto.pdf', siteUrl: 'https://shop.example/documenti' },
  'file.downloaded': { ...PERSON, folderName: 'Contratti', fileName: 'contratto.pdf', siteUrl: 'https://shop.example/documenti' },
  'file.previewed': { ...PERSON, folderName: 'Listini', fileName: 'listino.pdf', siteUrl: 'https://shop.example/documenti' },
};
