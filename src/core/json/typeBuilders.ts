/**
 * The TypeBox builders the schemas use, imported one by one: TypeBox's `Type` namespace object
 * pulls every builder into the bundle (about 45 KB), these only what the plan and result schemas need.
 */
import {
  Array as TArray,
  Boolean as TBoolean,
  Integer,
  Literal,
  Null,
  Object as TObject,
  Optional,
  Record as TRecord,
  String as TString,
  Union,
  Unsafe,
} from '@sinclair/typebox';

export const Type = {
  Array: TArray,
  Boolean: TBoolean,
  Integer,
  Literal,
  Null,
  Object: TObject,
  Optional,
  Record: TRecord,
  String: TString,
  Union,
  Unsafe,
};
