import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import communesJson from "@etalab/decoupage-administratif/data/communes.json" with { type: "json" };
import epcisJson from "@etalab/decoupage-administratif/data/epci.json" with { type: "json" };
import { addDays, isoWeekday, parisToInstant } from "../calendar/paris-time.ts";
import { isPlausibleEmail } from "../organisation/organisation.ts";
import { checkPermanenceRule, occurrences } from "../permanences/permanence.ts";
import { describeNextOpening, nextOpenings, openingHoursError } from "../places/availability.ts";
import {
  ACCESS_MODES,
  type EnumOption,
  FEES,
  MOBILITY,
  NATIONAL_PROGRAMMES,
  PUBLICS,
  SERVICES,
  SPECIFIC_SUPPORT,
  SUPPORT_MODES,
} from "../places/place-standard.ts";
import { haversineKm } from "../territory/territory.ts";
import { applyOffset, type DemoNetwork, genericNetwork, lotEtGaronneNetwork } from "./demo.data.ts";
import { isWithinHours, toOpeningHours } from "./demo.hours.ts";
import { type DemoSchedule, demoSchedule } from "./demo.permanences.ts";
import { demoPlaceDetails } from "./demo.places.ts";

const TODAY = "2026-11-02"; // a Monday, the day the test templates are built
const NOW = parisToInstant(TODAY, "10:00");

function build(network: DemoNetwork) {
  const schedule = demoSchedule(network, TODAY);
  return { network, schedule, details: demoPlaceDetails(network, schedule, TODAY) };
}

const lotEtGaronne = build(lotEtGaronneNetwork());

interface OfficialCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
}
const officialCommunes = (communesJson as OfficialCommune[]).filter((c) => c.type === "commune-actuelle");

function pyreneesAtlantiques(): DemoNetwork {
  const communes = officialCommunes.filter((c) => c.departement === "64");
  const epcis = (epcisJson as { code: string; nom: string; populationTotale?: number; membres: { code: string }[] }[]).filter((e) =>
    e.membres.some((m) => m.code.startsWith("64")),
  );
  const epciOf = new Map(epcis.flatMap((e) => e.membres.map((m) => [m.code, e.code] as const)));
  return genericNetwork({
    departement: "64",
    departementName: "Pyrénées-Atlantiques",
    typeLiaison: 4,
    region: "75",
    chefLieu: "64445",
    communes: communes.map((c) => ({
      code: c.code,
      name: c.nom,
      population: c.population ?? 0,
      postcodes: c.codesPostaux ?? [],
      epciCode: epciOf.get(c.code) ?? null,
    })),
    epcis: epcis.map((e) => ({ code: e.code, name: e.nom, population: e.populationTotale ?? 0 })),
  });
}

/** Distinct half-days of the week an advisor holds (two places alternating on one half-day count once). */
function weeklyHalfDays(schedule: DemoSchedule, advisor: string): Set<string> {
  return new Set(
    schedule.permanences
      .filter((p) => p.advisor === advisor)
      .flatMap((p) => p.weekdays.map((d) => `${d}:${p.startTime < "13:00" ? "am" : "pm"}`)),
  );
}

function assertSchedule({ network, schedule }: ReturnType<typeof build>): void {
  const placeSlugs = new Set(network.places.map((p) => p.slug));
  const advisors = network.accounts.filter((a) => a.advisor).map((a) => a.email);
  for (const advisor of advisors) {
    const own = schedule.permanences.filter((p) => p.advisor === advisor);
    assert.ok(own.length > 0, `${advisor} holds permanences`);
    const halfDays = weeklyHalfDays(schedule, advisor).size;
    assert.ok(halfDays >= 2 && halfDays <= 5, `${advisor}: ${halfDays} half-days a week`);
    const training = schedule.trainingDay.get(advisor);
    assert.ok(training && training >= 1 && training <= 5, `${advisor} trains on a weekday`);
    assert.ok(own.every((p) => !p.weekdays.includes(training)), `${advisor}: nothing on the training day`);
    // Never in two places at once, week after week.
    const slots = own.flatMap((p) => occurrences(p, TODAY, addDays(TODAY, 55), new Set()));
    slots.sort((a, b) => a.start.getTime() - b.start.getTime());
    for (let i = 1; i < slots.length; i++) {
      assert.ok((slots[i - 1]?.end.getTime() ?? 0) <= (slots[i]?.start.getTime() ?? 0), `${advisor} double-booked on ${slots[i]?.date}`);
    }
  }
  for (const p of schedule.permanences) {
    assert.ok(placeSlugs.has(p.place), `permanence at unknown place ${p.place}`);
    assert.deepEqual(checkPermanenceRule(p), [], `${p.advisor} at ${p.place}`);
    assert.ok(p.validFrom < TODAY, "started before today");
    assert.ok(p.validTo === null || p.validTo > TODAY);
    for (const date of p.cancelledDates) assert.ok(p.weekdays.includes(isoWeekday(date)) && date > TODAY, `cancelled ${date}`);
  }
  // Every employer's place has an advisor.
  const employers = new Set(network.accounts.flatMap((a) => (a.advisor ? [a.advisor.structure] : [])));
  for (const place of network.places.filter((p) => employers.has(p.structure))) {
    assert.ok(
      schedule.permanences.some((p) => p.place === place.slug),
      `${place.slug} has a permanence`,
    );
  }
}

function assertStandard({ network, details }: ReturnType<typeof build>): void {
  const allowed = (list: EnumOption[], values: string[], what: string) => {
    for (const v of values) assert.ok(list.some((o) => o.value === v), `${what}: "${v}" is a national value`);
  };
  for (const place of network.places) {
    const d = details.get(place.slug);
    assert.ok(d, place.slug);
    if (d.openingHours !== null) assert.equal(openingHoursError(d.openingHours), null, `${place.slug}: ${d.openingHours}`);
    assert.ok(d.services.length > 0);
    allowed(SERVICES, d.services, "services");
    allowed(PUBLICS, d.publics, "publics");
    allowed(SPECIFIC_SUPPORT, d.specificSupport, "specific support");
    allowed(FEES, d.fees, "fees");
    allowed(NATIONAL_PROGRAMMES, d.nationalProgrammes, "programmes");
    allowed(ACCESS_MODES, d.accessModes, "access modes");
    allowed(SUPPORT_MODES, d.supportModes, "support modes");
    allowed(MOBILITY, d.mobility, "mobility");
    assert.ok(d.summary.length > 0 && d.summary.length <= 280, `${place.slug}: summary of ${d.summary.length} characters`);
    assert.match(d.pivot ?? "", /^\d{14}$/);
    assert.ok(d.updatedOn < TODAY);
    for (const email of d.emails) assert.ok(isPlausibleEmail(email) && email.endsWith(`@${network.domain}`), email);
    if (d.bookingUrl) assert.ok(d.bookingUrl.startsWith("https://rdv.example/lieu/"));
    if (d.accessibilityUrl) assert.ok(d.accessibilityUrl.startsWith("https://acceslibre.example/"));
    if (d.nationalProgrammes.includes("France Services")) assert.ok(place.typologie.includes("RFS"));
  }
}

test("Lot-et-Garonne: every advisor holds 2 to 5 half-days a week, never on their Afpa training day", () => {
  assertSchedule(lotEtGaronne);
  const { schedule } = lotEtGaronne;
  assert.ok(schedule.permanences.some((p) => p.everyWeeks === 2), "some every other week");
  for (const mode of ["drop_in", "appointment", "both"]) assert.ok(schedule.permanences.some((p) => p.mode === mode), mode);
  assert.ok(schedule.permanences.filter((p) => p.validTo).length >= 3, "a few end");
  assert.ok(schedule.permanences.filter((p) => p.cancelledDates.length > 0).length >= 3, "a few cancelled dates");
  assert.equal(new Set(schedule.trainingDay.values()).size, 5, "training days spread over the week");
});

test("Lot-et-Garonne Numérique's advisors alternate between small communes every other week", () => {
  const { network, schedule, details } = lotEtGaronne;
  const lgnum = network.accounts.filter((a) => a.advisor?.structure === "lgnum").map((a) => a.email);
  assert.equal(lgnum.length, 3);
  for (const advisor of lgnum) {
    const own = schedule.permanences.filter((p) => p.advisor === advisor);
    assert.ok(own.every((p) => p.everyWeeks === 2));
    assert.ok(new Set(own.map((p) => p.place)).size >= 3, `${advisor} visits several communes`);
  }
  for (const slug of ["mairie-de-lauzun", "mairie-de-houeilles", "mairie-de-penne-d-agenais"]) {
    assert.deepEqual(details.get(slug)?.mobility, ["Itinérant"]);
    assert.equal(details.get(slug)?.openingHours, null, "help only during the permanences");
  }
});

test("Lot-et-Garonne: permanences fall within the hosting place's opening hours", () => {
  const { schedule } = lotEtGaronne;
  for (const p of schedule.permanences) {
    const week = schedule.hours.get(p.place);
    if (!week) continue;
    for (const day of p.weekdays) assert.ok(isWithinHours(week, day, p.startTime, p.endTime), `${p.place} ${day} ${p.startTime}`);
  }
});

test("Lot-et-Garonne: places carry believable national-standard fields", () => {
  assertStandard(lotEtGaronne);
  const { details } = lotEtGaronne;
  const all = [...details.values()];
  assert.equal(details.get("centre-medico-social-d-agen")?.openingHours, "Mo-Fr 08:30-12:00,13:30-17:00; PH off");
  assert.ok(all.filter((d) => d.openingHours === null).length >= 3, "some places only open during permanences");
  assert.equal(all.filter((d) => d.specificSupport.includes("Surdité")).length, 1);
  assert.ok(all.filter((d) => d.specificSupport.includes("Illettrisme")).length >= 2);
  assert.ok(all.some((d) => d.specificSupport.includes("Langues étrangères (anglais)")));
  assert.equal(all.filter((d) => d.fees.includes("Gratuit sous condition")).length, 1);
  assert.ok(all.filter((d) => d.supportModes.includes("À distance")).length >= 2);
  assert.ok(all.filter((d) => d.nationalProgrammes.includes("Aidants Connect")).length >= 2);
  assert.ok(all.filter((d) => d.bookingUrl).length >= 5 && all.filter((d) => d.accessibilityUrl).length >= 3);
  for (const [slug, d] of details) {
    const hosted = lotEtGaronne.schedule.permanences.some((p) => p.place === slug);
    assert.equal(d.nationalProgrammes.includes("Conseillers numériques"), hosted, `${slug}: programme iff an advisor comes`);
  }
  const franceServices = [...details].filter(([slug]) => slug.startsWith("france-services"));
  assert.ok(franceServices.every(([, d]) => d.nationalProgrammes.includes("France Services") && d.openingHours?.startsWith("Mo-Fr")));
});

test("from every commune of Lot-et-Garonne, a place within 25 km has an opening this week", () => {
  const { network, schedule, details } = lotEtGaronne;
  const centres = new Map(
    readFileSync(new URL("../../../fixtures/territory/communes-centres-2018.csv", import.meta.url), "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.split(","))
      .filter((cols) => cols[2] === "47")
      .map((cols) => [cols[0] as string, { latitude: Number(cols[3]), longitude: Number(cols[4]) }]),
  );
  const open = network.places.flatMap((place) => {
    const centre = centres.get(place.communeCode);
    assert.ok(centre, place.communeCode);
    const rules = schedule.permanences.filter((p) => p.place === place.slug).map((p) => ({ ...p, advisorFirstName: "Nadia" }));
    const intervals = nextOpenings({ openingHours: details.get(place.slug)?.openingHours ?? null, permanences: rules }, NOW, {
      horizonDays: 7,
      departement: "47",
    });
    const sentence = describeNextOpening(intervals, NOW);
    return sentence ? [{ ...applyOffset(centre, place.offset), sentence }] : [];
  });
  assert.ok(open.length >= 50, `${open.length} places open this week`);
  const far = [...centres].filter(([, c]) => !open.some((p) => haversineKm(c, p) <= 25));
  assert.deepEqual(far.map(([code]) => code), []);
});

test("another département's network gets hours, services and permanences too", () => {
  const generic = build(pyreneesAtlantiques());
  assertSchedule(generic);
  assertStandard(generic);
  assert.ok([...generic.details.values()].some((d) => d.nationalProgrammes.includes("France Services")));
});

test("places and permanences are deterministic", () => {
  const again = build(lotEtGaronneNetwork());
  assert.deepEqual(again.schedule, lotEtGaronne.schedule);
  assert.deepEqual(again.details, lotEtGaronne.details);
});

test("weekly hours are written in OpenStreetMap syntax", () => {
  assert.equal(
    toOpeningHours({ 1: [["08:30", "12:00"]], 2: [["08:30", "12:00"]], 3: [["08:30", "12:00"]], 6: [["09:00", "12:00"]] }),
    "Mo-We 08:30-12:00; Sa 09:00-12:00; PH off",
  );
  assert.equal(toOpeningHours({ 2: [["09:00", "12:00"]], 4: [["09:00", "12:00"]] }), "Tu,Th 09:00-12:00; PH off");
  assert.equal(toOpeningHours({ 1: [["14:00", "18:00"]], 2: [["14:00", "18:00"]] }), "Mo,Tu 14:00-18:00; PH off");
});
