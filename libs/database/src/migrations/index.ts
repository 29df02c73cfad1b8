import { Initial1764300000000 } from './1764300000000-initial';

/** In order; never edit a migration that has shipped, add a new one. */
export const MIGRATIONS = [Initial1764300000000];
