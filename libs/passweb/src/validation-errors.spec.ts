import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsArray, IsDefined, IsInt, IsObject, IsString, Min, ValidateNested, validateSync, type ValidationError } from 'class-validator';
import { flattenValidationErrors } from './validation-errors.js';

class Item {
  @IsDefined()
  @IsString()
  name!: string;
}

class Inner {
  @IsDefined()
  @IsInt()
  @Min(1)
  count!: number;
}

class Body {
  @IsDefined()
  @IsString()
  id!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => Inner)
  inner!: Inner;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Item)
  items!: Item[];
}

const errorsOf = (input: object): ValidationError[] =>
  validateSync(plainToInstance(Body, input), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
const ORDER = ['whitelistValidation', 'isDefined', 'isObject', 'isArray', 'isString', 'isInt'];
const valid = { id: 'a', inner: { count: 2 }, items: [{ name: 'x' }] };

describe('flattenValidationErrors', () => {
  it('gives nothing for a valid body', () => {
    expect(flattenValidationErrors(errorsOf(valid), { order: ORDER })).toEqual([]);
  });

  it('reports one error per field, the first broken rule of the order (a missing field is not also "not a string")', () => {
    const { id: _id, ...rest } = valid;
    expect(flattenValidationErrors(errorsOf(rest), { order: ORDER })).toEqual([{ field: 'id', message: 'id should not be null or undefined' }]);
  });

  it('takes a rule outside the order when only such rules broke', () => {
    expect(flattenValidationErrors(errorsOf({ ...valid, inner: { count: 0 } }), { order: ORDER })).toEqual([
      { field: 'inner.count', message: 'count must not be less than 1' },
    ]);
  });

  it('names nested fields and array elements by their dotted path', () => {
    const errors = flattenValidationErrors(errorsOf({ ...valid, inner: { count: 'x' }, items: [{ name: 'ok' }, { name: 3 }] }), { order: ORDER });
    expect(errors).toEqual([
      { field: 'inner.count', message: 'count must be an integer number' },
      { field: 'items.1.name', message: 'name must be a string' },
    ]);
  });

  it('reports a node that broke its own rules alone, not its children', () => {
    expect(flattenValidationErrors(errorsOf({ ...valid, inner: 'nope' }), { order: ORDER }).map((e) => e.field)).toEqual(['inner']);
  });

  it("lets the caller word a rule, by rule and field, and keeps class-validator's wording otherwise", () => {
    const message = (constraint: string, _default: string, field: string) =>
      constraint === 'whitelistValidation' ? `${field} is not a known field` : undefined;
    expect(flattenValidationErrors(errorsOf({ ...valid, extra: 1, id: 5 }), { order: ORDER, message })).toEqual([
      { field: 'extra', message: 'extra is not a known field' },
      { field: 'id', message: 'id must be a string' },
    ]);
  });

  it('prefixes every field when asked', () => {
    expect(flattenValidationErrors(errorsOf({ ...valid, id: 5 }), { order: ORDER }, 'body.')).toEqual([{ field: 'body.id', message: 'id must be a string' }]);
  });
});
