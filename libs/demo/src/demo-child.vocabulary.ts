import type { SenNeedType, Sex } from '@sj/domain';
import { WeightedChoice, type SeededRandom } from './seeded-random';

/*
 * What the synthetic children look like in the SEN2 person and needs modules (docs/domain-rules.md §7):
 * shares close to DfE's published figures for children with EHC plans in England (about seven in ten
 * boys; autism, speech and language, and social, emotional and mental health the commonest primary
 * needs). Postcodes are shaped like Somerset's; none is claimed to be a real address.
 */

export const GIVEN_NAMES = [
  'Amara',
  'Ben',
  'Chloe',
  'Dylan',
  'Ella',
  'Finn',
  'Grace',
  'Harry',
  'Isla',
  'Jack',
  'Kai',
  'Layla',
  'Mason',
  'Nia',
  'Oscar',
  'Poppy',
  'Reuben',
  'Sofia',
  'Theo',
  'Zara',
];
export const FAMILY_NAMES = [
  'Adeyemi',
  'Brown',
  'Clarke',
  'Davies',
  'Evans',
  'Foster',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Morgan',
  'Nowak',
  'Patel',
  'Roberts',
  'Smith',
  'Taylor',
  'Walker',
  'Young',
];

export const SEXES = new WeightedChoice<Sex>([
  ['male', 72],
  ['female', 27.6],
  ['unknown', 0.4],
]);

/** DfE school census ethnicity codes. */
export const ETHNICITIES = new WeightedChoice<string>([
  ['WBRI', 66],
  ['WIRI', 0.3],
  ['WIRT', 0.3],
  ['WROM', 0.4],
  ['WOTH', 4.5],
  ['MWBC', 2],
  ['MWBA', 0.9],
  ['MWAS', 1.2],
  ['MOTH', 2.3],
  ['AIND', 1.8],
  ['APKN', 3.5],
  ['ABAN', 1.4],
  ['AOTH', 1.3],
  ['BCRB', 1.3],
  ['BAFR', 3.8],
  ['BOTH', 0.6],
  ['CHNE', 0.3],
  ['OOTH', 1.6],
  ['REFU', 2.5],
]);

/** Primary needs of children with EHC plans; `DS` (no specialist assessment) belongs to SEN support, not plans. */
const NEEDS = [
  ['ASD', 33],
  ['SLCN', 21],
  ['SEMH', 16],
  ['MLD', 8],
  ['SLD', 6.5],
  ['SPLD', 4],
  ['PD', 4],
  ['OTH', 2.5],
  ['HI', 1.6],
  ['PMLD', 1.3],
  ['VI', 0.8],
  ['MSI', 0.3],
] as const satisfies readonly (readonly [SenNeedType, number])[];
const PRIMARY_NEEDS = new WeightedChoice<SenNeedType>(NEEDS);

/** Ranked needs, primary first: an autism diagnosis usually makes autism the primary need. */
export function senNeeds(random: SeededRandom, autismDiagnosed: boolean): SenNeedType[] {
  const primary: SenNeedType = autismDiagnosed && random.chance(0.7) ? 'ASD' : random.pickWeighted(PRIMARY_NEEDS);
  const ranked = [primary];
  const more = random.chance(0.45) ? (random.chance(0.3) ? 2 : 1) : 0;
  for (let i = 0; i < more; i++) {
    const need = random.pickWeighted(PRIMARY_NEEDS);
    if (!ranked.includes(need)) ranked.push(need);
  }
  return ranked;
}

/** Postcode districts per demo area (shaped like Somerset's); other areas draw from all of them. */
const DISTRICTS: Readonly<Record<string, readonly string[]>> = {
  north: ['BA3', 'BA4', 'BA5', 'BA11', 'BS27', 'BS28'],
  south: ['BA20', 'BA21', 'BA22', 'TA18', 'TA19', 'TA20'],
  east: ['BA6', 'BA7', 'BA8', 'BA9', 'BA10', 'BA16'],
  west: ['TA4', 'TA21', 'TA22', 'TA23', 'TA24'],
  central: ['TA1', 'TA2', 'TA3', 'TA6', 'TA7', 'TA9'],
};
const ALL_DISTRICTS = Object.values(DISTRICTS).flat();
/** Letters a postcode's inward code may use (never C, I, K, M, O or V). */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A postcode in its canonical form: capitals, one space before the inward code. */
export function postcodeIn(random: SeededRandom, area: string): string {
  const district = random.pick(DISTRICTS[area] ?? ALL_DISTRICTS);
  const letter = () => INWARD_LETTERS.charAt(random.int(0, INWARD_LETTERS.length - 1));
  return `${district} ${random.int(0, 9)}${letter()}${letter()}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** About one primary-age school in eight in England is an infant or a junior school. */
const INFANT_SCHOOL_SHARE = 0.12;

/** A school fitting the child's age; none before school age. */
export function schoolForAge(random: SeededRandom, area: string, ageYears: number): string | undefined {
  if (ageYears < 4) return undefined;
  const kind =
    ageYears < 7
      ? random.chance(INFANT_SCHOOL_SHARE)
        ? 'Infant School'
        : 'Primary School'
      : ageYears < 11
        ? random.chance(INFANT_SCHOOL_SHARE)
          ? 'Junior School'
          : 'Primary School'
        : ageYears < 16
          ? random.pick(['Academy', 'High School', 'Community College'])
          : random.pick(['College', 'Sixth Form College']);
  return schoolName(random, area, kind);
}

export function schoolName(random: SeededRandom, area: string, kind: string): string {
  return `${capitalise(area)} ${kind} ${random.int(1, 8)}`;
}

export function isInfantSchool(name: string | undefined): boolean {
  return name !== undefined && /infant/i.test(name);
}
