import { bindingFieldNames, bindingFromForm, formFromBinding } from './binding-form.js';
import { errorOf, fieldErrorsOf, unplacedErrors } from './field-errors.js';

const binding = {
  eventType: 'order.status_changed',
  templates: [
    { name: 'order_status_update', language: 'it' },
    { name: 'order_status_update', language: 'en' },
  ],
  variables: { 'body.1': 'firstName', 'button.0.1': 'documentCode' },
  condition: { newStatus: ['Spedito', 'Consegnato'] },
  userGroups: ['retail'],
  media: { link: 'https://shop.example/a.pdf', filename: 'a.pdf' },
};

describe('the bindings editor form', () => {
  it('round-trips a binding', () => {
    expect(bindingFromForm('order.status_changed', formFromBinding(binding))).toEqual(binding);
  });

  it('starts a new binding with one empty template row and nothing else', () => {
    const form = formFromBinding(null);
    expect(form).toEqual({ templates: [{ name: '', language: '' }], variables: [], newStatus: '', userGroups: '', mediaLink: '', mediaFilename: '' });
    expect(bindingFromForm('cart.abandoned', form)).toEqual({ eventType: 'cart.abandoned', templates: [{ name: '', language: '' }], variables: {} });
  });

  it('trims, drops blank variable rows and empty lists, keeps template rows in place', () => {
    const form = {
      templates: [
        { name: ' a ', language: ' it ' },
        { name: '', language: '' },
      ],
      variables: [
        { slot: ' body.1 ', variable: ' firstName ' },
        { slot: ' ', variable: '' },
      ],
      newStatus: ' , ',
      userGroups: 'a, ,b',
      mediaLink: '  ',
      mediaFilename: 'x.pdf',
    };
    expect(bindingFromForm('e', form)).toEqual({
      eventType: 'e',
      templates: [
        { name: 'a', language: 'it' },
        { name: '', language: '' },
      ],
      variables: { 'body.1': 'firstName' },
      userGroups: ['a', 'b'],
    });
  });

  it('names the fields errors can sit beside', () => {
    const form = formFromBinding(binding);
    expect(bindingFieldNames(form)).toEqual(expect.arrayContaining(['templates.1.language', 'variables.button.0.1', 'media.link', 'condition.newStatus']));
  });
});

describe('field errors', () => {
  const errors = [
    { field: 'templates.0', message: 'template x/it does not exist in the catalog' },
    { field: 'variables.body.2', message: 'is not mapped' },
    { field: 'variables.body.2', message: 'second' },
    { field: 'eventType', message: 'must be order.status_changed' },
  ];

  it('are found by field, joined when several', () => {
    expect(errorOf(errors, 'variables.body.2')).toBe('is not mapped; second');
    expect(errorOf(errors, 'templates.0')).toBe('template x/it does not exist in the catalog');
    expect(errorOf(errors, 'media')).toBeUndefined();
  });

  it('that no field shows are kept for the top of the form', () => {
    expect(unplacedErrors(errors, ['templates.0', 'variables.body.1'])).toEqual([errors[1], errors[2], errors[3]]);
  });

  it('are read from an api body, ignoring anything malformed', () => {
    expect(fieldErrorsOf({ message: 'x', errors: [{ field: 'a', message: 'b' }, { field: 1 }, null, 'x'] })).toEqual([{ field: 'a', message: 'b' }]);
    expect(fieldErrorsOf({ message: 'x' })).toEqual([]);
    expect(fieldErrorsOf(null)).toEqual([]);
  });
});
