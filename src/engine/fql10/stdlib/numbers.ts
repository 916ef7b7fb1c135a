// Methods of numbers (Int, Long, Double).
import type { Double } from '../../values/value';
import type { MethodTable } from './registry';

export const numberMethods: MethodTable<number | bigint | Double> = {};
