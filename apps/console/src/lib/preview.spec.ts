import { previewLines } from './preview.js';

describe('the binding preview', () => {
  it('shows a text header, the body, the footer and each button with its link', () => {
    expect(
      previewLines({
        template: { name: 'order_status_update', language: 'it' },
        header: { type: 'text', text: 'Ordine ORD-1' },
        body: 'Ciao Giulia',
        footer: 'Negozio',
        buttons: [
          { type: 'URL', text: 'Segui', url: 'https://shop.example/ORD-1' },
          { type: 'QUICK_REPLY', text: 'Stop' },
        ],
      }),
    ).toEqual({ header: 'Ordine ORD-1', body: 'Ciao Giulia', footer: 'Negozio', buttons: ['Segui → https://shop.example/ORD-1', 'Stop'] });
  });

  it('names a media header by its kind and link, and leaves out what is absent', () => {
    expect(previewLines({ header: { type: 'image', link: 'https://shop.example/a.jpg' }, body: 'x', buttons: [] })).toEqual({
      header: '[image] https://shop.example/a.jpg',
      body: 'x',
      footer: null,
      buttons: [],
    });
    expect(previewLines({ body: 'x', buttons: [] })).toEqual({ header: null, body: 'x', footer: null, buttons: [] });
  });
});
