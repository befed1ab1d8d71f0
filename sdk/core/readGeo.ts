export const CONTINENTS = ['europe', 'north_america', 'south_america', 'asia', 'africa', 'oceania', 'antarctica'] as const;
export type Continent = (typeof CONTINENTS)[number];

export interface Geo {
  /** The IANA time zone as given, e.g. `Europe/Rome`. */
  timezone: string;
  /** ISO 3166-1 alpha-2 in upper case, or '' when nothing tells. */
  country: string;
  continent: Continent | '';
  /** The country is in the European Union: a member state or one of its outermost regions. */
  eu: boolean;
}

export interface GeoSignals {
  /** `Intl.DateTimeFormat().resolvedOptions().timeZone`. */
  timezone: string;
  /** The browser's preferred language, e.g. `de-AT`. */
  locale: string;
  /** A country the site knows (e.g. from `identify({ country })`); wins when it is a real code. */
  countryHint?: string;
}

/**
 * Time zone → country, from tzdata's zone.tab, which gives every zone one country, per-country
 * links such as Europe/Vaduz or Asia/Kuwait included (browsers report those). Also listed: the
 * CLDR names Chromium reports instead of the IANA ones (Asia/Calcutta, Europe/Kiev,
 * America/Buenos_Aires…), and zones merged into others since tzdata 2022b that older systems
 * still report (Europe/Uzhgorod, America/Nipigon…).
 *
 * An `Area/` token opens an area; a two-letter code names the country of the zones after it.
 * To fit the size budget each zone is written as its shortest prefix, at least three letters,
 * that no other zone of its area starts with (`Rom` for Europe/Rome), and a zone is looked up
 * by its longest listed prefix. A zone newer than this table may thus take the country of an
 * older one sharing its prefix; test/unit/core/readGeo.test.ts checks the table against the
 * runtime's own tzdata.
 * Sources: https://data.iana.org/time-zones/tzdb/zone.tab, CLDR common/bcp47/timezone.xml.
 */
const ZONES = `
Europe/ AD And AL Tir AT Vie AX Mar BA Saraj BE Bru BG Sof BY Min CH Zur CZ Pra
DE Ber Bus DK Cop EE Tal ES Mad FI Hel FR Par GB Lon GG Gue GI Gib GR Ath
HR Zag HU Bud IE Dub IM Isl IT Rom JE Jer LI Vad LT Vil LU Lux LV Rig MC Mon
MD Chi ME Pod MK Sko MT Mal NL Ams NO Osl PL War PT Lis RO Buc RS Bel RU Ast Kal Kir Mos Sam
Sarat Uly Vol UA Kie Kyi Sim Uzh Zap SE Sto SI Lju SK Bra SM San TR Ist VA Vat
Asia/ AE Dub AF Kab AM Yer AZ Bak BD Dac Dha BH Bah BN Bru BT Thi CN Sha Uru
CY Fam Nic GE Tbi HK Hon ID Jak Jay Mak Pon IL Jer IN Cal Kol IQ Bag IR Teh
JO Amm JP Tok KG Bis KH Phn KP Pyo KR Seo KW Kuw KZ Alm Aqta Aqto Aty Ora Qos Qyz
LA Vie LB Bei LK Col MM Ran Yan MN Cho Hov Ulaa Ulan MO Mac MY Kua Kuc NP Kath Katm
OM Mus PH Man PK Kar PS Gaz Heb QA Qat RU Ana Bar Chi Irk Kam Kha Kra Mag Novok Novos Oms Sak
Sre Tom Ust Vla Yak Yek SA Riy SG Sin SY Dam TH Ban TJ Dus TL Dil TM Ash TW Tai
UZ Sam Tas VN Ho_ Sai YE Ade TR Ist
Africa/ AO Lua BF Oua BI Buj BJ Por BW Gab CD Kin Lub CF Bang CG Bra CI Abi
CM Dou DJ Dji DZ Alg EG Cai EH El_ ER Asma Asme ES Ceu ET Add GA Lib GH Acc
GM Banj GN Con GQ Mal GW Bis KE Nai LR Mon LS Mas LY Tri MA Cas ML Bam MR Nou
MW Bla MZ Map NA Win NE Nia NG Lag RW Kig SD Kha SL Fre SN Dak SO Mog SS Jub
ST Sao SZ Mba TD Ndj TG Lom TN Tun TZ Dar UG Kam ZA Joh ZM Lus ZW Har
America/ AG Ant AI Ang AR Argentina/B Argentina/Ca Argentina/Co Argentina/J Argentina/L
Argentina/M Argentina/R Argentina/Sal Argentina/San_J Argentina/San_L Argentina/T Argentina/U
Bue Cat Cord Juj Mend AW Aru BB Bar BL St_B BO La_ BQ Kra BR Ara Bahia Bele Boa Camp Cui Eir
Forta Mac Manau Noro Porto Rec Rio Santa Sao BS Nas BZ Beli CA Ati Bla Camb Cora Cre Dawson
Dawson_ Edm Fort_ Gla Goo Hal Inu Iqa Monc Montr Nip Pang Rai Ran Reg Res St_J Swi Thun Toro Van
Whi Win Yel CL Coy Pun Santi CO Bog CR Cos CU Hav CW Cur DM Dom DO Santo EC Guay
GD Gre GF Caye GL Dan God Nuu Sco Thul GP Guad GT Guat GY Guy HN Teg HT Port-
JM Jam KN St_K KY Caym LC St_L MF Mari MQ Mart MS Monts MX Bahia_ Can Chih Ciu Her Mat Maz Mer
Mex Monter Oji Tij NI Manag PA Pana PE Lim PM Miq PR Pue PY Asu SR Par SV El_
SX Low TC Gra TT Port_ US Ada Anc Boi Chic Den Det Indiana/I Indiana/K Indiana/M Indiana/P
Indiana/T Indiana/Ve Indiana/Vi Indiana/W Indianap Jun Kentucky/L Kentucky/M Los Lou Meno Met
New Nom North_Dakota/B North_Dakota/C North_Dakota/N Pho Sit Yak UY Montev
VC St_V VE Car VG Tort VI St_T
Australia/ AU Ade Bri Bro Dar Euc Hob Lin Lor Mel Per Syd
Pacific/ AS Pag CK Rar CL Eas EC Gal FJ Fij FM Chu Kos Poh Pon Tru GU Guam
KI End Kan Kir Tar MH Kwa Maj MP Sai NC Nou NF Nor NR Nau NU Niu NZ Auc Cha
PF Gam Mar Tah PG Bou Por PN Pit PW Pal SB Guad TK Fak TO Ton TV Fun UM Joh Mid Wak
US Hon VU Efa WF Wal WS Api
Antarctica/ AQ Cas Dav Dum Maw McM Pal Rot Syo Tro Vos AU Mac
Arctic/ SJ Lon
Atlantic/ BM Ber CV Cap ES Can FK Sta FO Fae Far GS Sou IS Rey PT Azo Mad
SH St_
Indian/ CC Coc CX Chr IO Cha KM Com MG Ant MU Mau MV Mal RE Reu SC Mah TF Ker
YT May
`;

/** Legacy areas that lie in one country: `US/Eastern`, `Canada/Atlantic`, `Australia/NSW`… */
const AREA_COUNTRY = 'US/US Canada/CA Brazil/BR Mexico/MX Chile/CL Australia/AU';

/**
 * A country lies on the continent of the first area that lists it (Russia, listed first under
 * Europe/, is European), and countries first listed under America/ in North America. The
 * exceptions follow GeoNames: South America shares the America/ area, and the islands of the
 * Atlantic/ and Indian/ areas lie on several continents. A zone alone says its continent only
 * for the areas below: America/, Atlantic/ and Indian/ need the country.
 */
const AREA_CONTINENT = new Map<string, Continent>([
  ['Europe/', 'europe'],
  ['Asia/', 'asia'],
  ['Africa/', 'africa'],
  ['Australia/', 'oceania'],
  ['Pacific/', 'oceania'],
  ['Antarctica/', 'antarctica'],
  ['Arctic/', 'europe'],
]);
const CONTINENT_EXCEPTIONS: Record<Continent, string> = {
  europe: 'CY FO IS XK',
  north_america: 'BM',
  south_america: 'AR BO BR CL CO EC FK GF GY PE PY SR UY VE',
  asia: 'CC IO MV TR',
  africa: 'CV KM MG MU RE SC SH YT',
  oceania: 'CX TL',
  antarctica: 'BV GS HM TF',
};

/**
 * The 27 member states, then the regions with their own ISO code that are EU territory all the
 * same (TFEU arts. 349 and 355): French Guiana, Guadeloupe, Martinique, Réunion, Mayotte,
 * Saint-Martin and the Åland Islands.
 */
const EU = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK GF GP MQ RE YT MF AX'.split(' ');

interface Tables {
  /** `Area/prefix` (or a whole legacy `Area/`) → country. */
  zones: Map<string, string>;
  /** Every known country → its continent. */
  continents: Map<string, Continent>;
}

let tables: Tables | undefined;

/** Parsed on first use, so a page that never reads geo never pays for it. */
function getTables(): Tables {
  if (tables) return tables;
  const zones = new Map<string, string>();
  const continents = new Map<string, Continent>();
  let area = '';
  let country = '';
  for (const token of ZONES.trim().split(/\s+/)) {
    if (token.endsWith('/')) area = token;
    else if (/^[A-Z]{2}$/.test(token)) {
      country = token;
      if (!continents.has(country)) continents.set(country, AREA_CONTINENT.get(area) ?? 'north_america');
    } else zones.set(area + token, country);
  }
  for (const legacy of AREA_COUNTRY.split(' ')) zones.set(legacy.slice(0, -2), legacy.slice(-2));
  for (const continent of CONTINENTS) {
    for (const code of CONTINENT_EXCEPTIONS[continent].split(' ')) continents.set(code, continent);
  }
  return (tables = { zones, continents });
}

function zoneCountry(zone: string, area: string): string {
  const { zones } = getTables();
  for (let end = zone.length; end >= area.length; end--) {
    const country = zones.get(zone.slice(0, end));
    if (country) return country;
  }
  return '';
}

/** The code in upper case when it names a known country, else ''. */
function knownCountry(code: string): string {
  const upper = code.toUpperCase();
  // ISO 3166 reserves UK for the United Kingdom, and sites send it for GB.
  const country = upper === 'UK' ? 'GB' : upper;
  return getTables().continents.has(country) ? country : '';
}

/** The region subtag of a BCP 47 tag: `en-GB` → GB, `zh-Hant-TW` → TW, `es-419` → ''. */
function localeRegion(locale: string): string {
  for (const subtag of locale.split(/[-_]/).slice(1)) {
    // A singleton opens extensions (`-u-…`) or private use (`-x-…`): no region after it.
    if (subtag.length === 1) break;
    if (/^[a-z]{2}$/i.test(subtag)) return subtag;
  }
  return '';
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * Where the visitor probably is, without asking anyone: the site's own hint, else the country
 * of the time zone, else the region of the browser's locale.
 */
export function readGeo(input: GeoSignals): Geo {
  const timezone = text(input?.timezone);
  // Kept with its slash; '' for zones without an area such as `UTC`.
  const area = timezone.slice(0, timezone.indexOf('/') + 1);
  const country =
    knownCountry(text(input?.countryHint)) ||
    (area ? zoneCountry(timezone, area) : '') ||
    knownCountry(localeRegion(text(input?.locale)));
  return {
    timezone,
    country,
    continent: getTables().continents.get(country) ?? AREA_CONTINENT.get(area) ?? '',
    eu: EU.includes(country),
  };
}
