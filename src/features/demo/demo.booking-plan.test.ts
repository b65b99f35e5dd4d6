import assert from "node:assert/strict";
import { test } from "node:test";
import communesJson from "@etalab/decoupage-administratif/data/communes.json" with { type: "json" };
import { THEMES } from "../activities/taxonomy.ts";
import { parisToInstant } from "../calendar/paris-time.ts";
import { demoAbsences, demoAppointments, demoKinds } from "./demo.booking.ts";
import { type DemoNetwork, genericNetwork, lotEtGaronneNetwork } from "./demo.data.ts";
import { demoMessages } from "./demo.messages.ts";
import { demoPeople } from "./demo.people.ts";
import { demoSchedule } from "./demo.permanences.ts";
import { demoWorkshops } from "./demo.workshops.ts";

const TODAY = "2026-11-02";
const NOW = parisToInstant(TODAY, "10:00");

function plan(network: DemoNetwork) {
  const schedule = demoSchedule(network, TODAY);
  const kinds = demoKinds(network);
  const absences = demoAbsences(schedule, TODAY);
  const workshops = demoWorkshops(network, schedule, absences, NOW, network.departement);
  const busy = [...workshops.sessions, ...workshops.oneOffs].map((w) => ({ advisorId: w.advisor, start: w.start, end: w.end, status: "planned" as const }));
  const appointments = demoAppointments({ network, schedule, kinds, absences, busy, now: NOW, departement: network.departement });
  return { schedule, kinds, absences, workshops, appointments };
}

interface OfficialCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
}

function gironde(): DemoNetwork {
  const communes = (communesJson as OfficialCommune[]).filter((c) => c.type === "commune-actuelle" && c.departement === "33");
  return genericNetwork({
    departement: "33",
    departementName: "Gironde",
    typeLiaison: 3,
    region: "75",
    chefLieu: "33063",
    communes: communes.map((c) => ({ code: c.code, name: c.nom, population: c.population ?? 0, postcodes: c.codesPostaux ?? [], epciCode: null })),
    epcis: [],
  });
}

test("the booking demo is the same on every load of the same day", () => {
  const a = plan(lotEtGaronneNetwork());
  const b = plan(lotEtGaronneNetwork());
  assert.deepEqual(a.appointments, b.appointments);
  assert.deepEqual(a.workshops, b.workshops);
});

test("no advisor is booked twice at once, nor during a workshop they lead", () => {
  const { appointments, workshops } = plan(lotEtGaronneNetwork());
  const busy = [...appointments, ...workshops.sessions, ...workshops.oneOffs].filter((x) => !("status" in x) || x.status !== "cancelled");
  for (const [i, x] of busy.entries()) {
    for (const y of busy.slice(i + 1)) {
      if (x.advisor === y.advisor) assert.ok(!(x.start < y.end && y.start < x.end), `${x.advisor} ${x.start.toISOString()}`);
    }
  }
});

test("staff-only motifs are booked by the team, and every theme is one of the taxonomy", () => {
  const { appointments, kinds, workshops } = plan(lotEtGaronneNetwork());
  const staffOnly = new Set(kinds.filter((k) => k.bookableBy === "staff").map((k) => k.key));
  for (const a of appointments) if (staffOnly.has(a.kind)) assert.equal(a.bookedVia, "staff");
  const codes = new Set<string>(THEMES.map((t) => t.code));
  for (const theme of [...kinds, ...workshops.sessions, ...workshops.oneOffs].flatMap((x) => x.themes)) assert.ok(codes.has(theme), theme);
});

test("another département's demo gets motifs, training days, appointments, workshops and messages too", () => {
  const network = gironde();
  const { kinds, absences, appointments, workshops } = plan(network);
  const advisors = network.accounts.filter((a) => a.advisor).length;
  assert.equal(absences.filter((a) => a.kind === "training").length, advisors);
  assert.ok(kinds.length >= 2);
  assert.ok(appointments.length > 0);
  assert.equal(workshops.sessions.length, 8);
  assert.ok(workshops.oneOffs.length >= 6);
  const messages = demoMessages(appointments, workshops.sessions, {
    brand: "Déclic",
    people: demoPeople(),
    kinds: new Map(kinds.map((k) => [k.key, k])),
    places: new Map(network.places.map((p) => [p.slug, { name: p.name, address: p.address, phone: p.phone }])),
    advisors: new Map(network.accounts.map((a) => [a.email, a.firstName])),
    now: NOW,
  });
  assert.ok(messages.some((m) => m.channel === "sms") && messages.every((m) => m.key.startsWith("demo:")));
  const confirmation = messages.find((m) => m.channel === "email" && m.key.endsWith(":confirmation:email"));
  assert.match(confirmation?.subject ?? "", /^Déclic : RDV confirmé le /, "the acronym keeps its capitals in the subject");
  assert.ok(messages.every((m) => !/\brDV\b/.test(`${m.subject} ${m.text}`)));
});
