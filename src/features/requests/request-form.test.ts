import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { blankRequestForm, type RequestFormValues, readRequestForm, validateRequestForm } from "./request-form.ts";

const PLACE = "6f1d2c3b-0000-4000-8000-000000000001";
const ctx = { today: "2027-03-01", side: "commune" as const, placeIds: [PLACE] };

function filled(changes: Partial<RequestFormValues> = {}): RequestFormValues {
  return {
    ...blankRequestForm({ name: "Sylvie Laborde", email: "mairie.nerac@declic47.example" }, "Nérac"),
    kind: "permanence",
    place_id: PLACE,
    weekdays: ["2", "4"],
    start_time: "09:00",
    end_time: "12:00",
    rhythm: "weekly",
    start_date: "2027-04-06",
    publics: ["seniors"],
    expected_people: "12",
    details: "Beaucoup d'habitants âgés ne savent pas faire leurs démarches en ligne.",
    ...changes,
  };
}

describe("the commune request form", () => {
  test("a complete request gives its input, the commune agent's channel being « en ligne »", () => {
    const { input, errors } = validateRequestForm(filled(), ctx);
    assert.deepEqual(errors, {});
    assert.equal(input?.channel, "online");
    assert.deepEqual(input?.weekdays, [2, 4]);
    assert.equal(input?.placeId, PLACE);
    assert.equal(input?.expectedPeople, 12);
    assert.equal(input?.startDate, "2027-04-06");
  });

  test("reading keeps only weekdays 1 to 7 and every public ticked", () => {
    const values = readRequestForm({ kind: "permanence", weekdays: ["1", "9", "x", "7"], publics: "seniors" });
    assert.deepEqual(values.weekdays, ["1", "7"]);
    assert.deepEqual(values.publics, ["seniors"]);
    assert.equal(values.details, "");
  });

  test("an empty form names each missing field in French", () => {
    const { input, errors } = validateRequestForm(readRequestForm({}), ctx);
    assert.equal(input, null);
    assert.deepEqual(Object.keys(errors).sort(), ["contact_email", "contact_name", "details", "kind"]);
  });

  test("a place of the list or an address, never both, and only places of the list", () => {
    assert.match(validateRequestForm(filled({ address: "Salle des fêtes" }), ctx).errors.address ?? "", /pas les deux/);
    assert.match(validateRequestForm(filled({ place_id: "6f1d2c3b-0000-4000-8000-000000000009" }), ctx).errors.place_id ?? "", /lieu de la liste/);
    assert.deepEqual(validateRequestForm(filled({ place_id: "", address: "Salle des fêtes, place du Marché" }), ctx).errors, {});
  });

  test("times come in pairs, the end after the start", () => {
    assert.match(validateRequestForm(filled({ end_time: "" }), ctx).errors.end_time ?? "", /ou aucune des deux/);
    assert.match(validateRequestForm(filled({ end_time: "08:00" }), ctx).errors.end_time ?? "", /après l'heure de début/);
    assert.match(validateRequestForm(filled({ start_time: "9h" }), ctx).errors.start_time ?? "", /09:00/);
    assert.deepEqual(validateRequestForm(filled({ start_time: "", end_time: "" }), ctx).errors, {});
  });

  test("the start date is a real day, not past, within two years; an intervention needs one", () => {
    assert.match(validateRequestForm(filled({ start_date: "2027-02-30" }), ctx).errors.start_date ?? "", /pas une date valide/);
    assert.match(validateRequestForm(filled({ start_date: "2027-02-28" }), ctx).errors.start_date ?? "", /passée/);
    assert.match(validateRequestForm(filled({ start_date: "2030-01-01" }), ctx).errors.start_date ?? "", /deux ans/);
    assert.equal(validateRequestForm(filled({ start_date: "15/03/2027" }), ctx).input?.startDate, "2027-03-15");
    assert.match(validateRequestForm(filled({ kind: "intervention", start_date: "" }), ctx).errors.start_date ?? "", /date de l'intervention/);
  });

  test("a request for a specific public says which one", () => {
    assert.match(validateRequestForm(filled({ kind: "public" }), ctx).errors.public_details ?? "", /Décrivez le public/);
    assert.deepEqual(validateRequestForm(filled({ kind: "public", public_details: "Résidents de l'EHPAD" }), ctx).errors, {});
  });

  test("a contact needs an e-mail address or a phone number, both checked", () => {
    assert.match(validateRequestForm(filled({ contact_email: "" }), ctx).errors.contact_email ?? "", /au moins une adresse/);
    assert.match(validateRequestForm(filled({ contact_email: "pas-une-adresse" }), ctx).errors.contact_email ?? "", /valide/);
    assert.match(validateRequestForm(filled({ contact_phone: "12" }), ctx).errors.contact_phone ?? "", /10 chiffres/);
    const phoneOnly = validateRequestForm(filled({ contact_email: "", contact_phone: "05.53.65.00.00" }), ctx);
    assert.equal(phoneOnly.input?.contactPhone, "05 53 65 00 00");
    assert.equal(phoneOnly.input?.contactEmail, null);
  });

  test("unknown publics, rhythms and volumes are refused", () => {
    assert.ok(validateRequestForm(filled({ publics: ["martiens"] }), ctx).errors.publics);
    assert.ok(validateRequestForm(filled({ rhythm: "daily" }), ctx).errors.rhythm);
    assert.ok(validateRequestForm(filled({ expected_people: "0" }), ctx).errors.expected_people);
    assert.ok(validateRequestForm(filled({ expected_people: "1e3" }), ctx).errors.expected_people);
  });

  test("a coordinator recording a request names the commune and how it arrived", () => {
    const coordination = { ...ctx, side: "coordination" as const };
    const { errors } = validateRequestForm(filled({ commune: "" }), coordination);
    assert.match(errors.commune ?? "", /commune qui fait la demande/);
    assert.match(errors.channel ?? "", /comment la demande est arrivée/);
    assert.equal(validateRequestForm(filled({ channel: "online" }), coordination).errors.channel !== undefined, true);
    assert.equal(validateRequestForm(filled({ channel: "phone" }), coordination).input?.channel, "phone");
  });
});
