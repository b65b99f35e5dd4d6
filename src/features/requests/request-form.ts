// The request form: reading the posted fields and checking them, with a French message beside each field.
// Pure: the places that may be proposed and today's date come from the caller; the commune typed by a
// coordinator is resolved by the service (it needs the territory).
import { parseCalendarDate } from "../calendar/calendar-date.ts";
import { addDays } from "../calendar/paris-time.ts";
import { isPlausibleEmail, normalizeEmail } from "../organisation/organisation.ts";
import { normalizePhone } from "../places/admin/place-form.ts";
import { PUBLICS } from "../places/place-standard.ts";
import { isRequestKind, RECORDED_CHANNELS, REQUEST_RHYTHMS, type RequestChannel, type RequestKind, type RequestRhythm, type RequestSide } from "./requests.ts";

export interface RequestFormValues {
  kind: string;
  commune: string;
  commune_code: string;
  place_id: string;
  address: string;
  weekdays: string[];
  start_time: string;
  end_time: string;
  rhythm: string;
  start_date: string;
  publics: string[];
  public_details: string;
  expected_people: string;
  details: string;
  contact_name: string;
  contact_role: string;
  contact_email: string;
  contact_phone: string;
  channel: string;
}

export interface RequestInput {
  kind: RequestKind;
  communeText: string;
  communeChoice: string | null;
  placeId: string | null;
  address: string | null;
  weekdays: number[];
  startTime: string | null;
  endTime: string | null;
  rhythm: RequestRhythm | null;
  startDate: string | null;
  publics: string[];
  publicDetails: string | null;
  expectedPeople: number | null;
  details: string;
  contactName: string;
  contactRole: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  channel: RequestChannel;
}

export const DETAILS_MAX = 2000;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TEXT_FIELDS = [
  "kind",
  "commune",
  "commune_code",
  "place_id",
  "address",
  "start_time",
  "end_time",
  "rhythm",
  "start_date",
  "public_details",
  "expected_people",
  "details",
  "contact_name",
  "contact_role",
  "contact_email",
  "contact_phone",
  "channel",
] as const;

type RawForm = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

function all(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim()).filter((v) => v !== "");
}

export function readRequestForm(body: RawForm): RequestFormValues {
  const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, first(body[f])])) as Omit<RequestFormValues, "weekdays" | "publics">;
  return { ...text, weekdays: all(body.weekdays).filter((d) => /^[1-7]$/.test(d)), publics: all(body.publics) };
}

export function blankRequestForm(contact: { name: string; email: string }, communeName: string): RequestFormValues {
  return {
    kind: "",
    commune: communeName,
    commune_code: "",
    place_id: "",
    address: "",
    weekdays: [],
    start_time: "",
    end_time: "",
    rhythm: "",
    start_date: "",
    publics: [],
    public_details: "",
    expected_people: "",
    details: "",
    contact_name: contact.name,
    contact_role: "",
    contact_email: contact.email,
    contact_phone: "",
    channel: "",
  };
}

const optional = (text: string) => (text === "" ? null : text);

export interface RequestFormContext {
  today: string;
  side: RequestSide;
  /** Places a request may propose (public places and those of the commune's structure). */
  placeIds: readonly string[];
}

export function validateRequestForm(v: RequestFormValues, ctx: RequestFormContext): { input: RequestInput | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!isRequestKind(v.kind)) errors.kind = "Choisissez ce que vous demandez.";
  if (ctx.side === "coordination" && v.commune === "") errors.commune = "Indiquez la commune qui fait la demande, par son nom ou son code postal.";

  if (v.place_id !== "" && v.address !== "") errors.address = "Choisissez un lieu de la liste ou indiquez une adresse, pas les deux.";
  else if (v.place_id !== "" && !ctx.placeIds.includes(v.place_id)) errors.place_id = "Choisissez un lieu de la liste.";
  if (v.address.length > 200) errors.address = "L'adresse doit faire 200 caractères au plus.";

  if ((v.start_time === "") !== (v.end_time === "")) {
    errors[v.start_time === "" ? "start_time" : "end_time"] = "Indiquez l'heure de début et l'heure de fin, ou aucune des deux.";
  } else if (v.start_time !== "") {
    if (!TIME.test(v.start_time)) errors.start_time = "Indiquez l'heure de début, par exemple 09:00.";
    if (!TIME.test(v.end_time)) errors.end_time = "Indiquez l'heure de fin, par exemple 12:00.";
    else if (TIME.test(v.start_time) && v.end_time <= v.start_time) errors.end_time = "L'heure de fin doit être après l'heure de début.";
  }
  if (v.rhythm !== "" && !Object.hasOwn(REQUEST_RHYTHMS, v.rhythm)) errors.rhythm = "Choisissez un rythme de la liste.";

  const startDate = v.start_date === "" ? null : parseCalendarDate(v.start_date, { french: true });
  if (v.start_date === "" && v.kind === "intervention") errors.start_date = "Indiquez la date de l'intervention, par exemple 2027-03-15.";
  else if (v.start_date !== "" && startDate === null) errors.start_date = "Ce n'est pas une date valide : écrivez par exemple 2027-03-15 ou 15/03/2027.";
  else if (startDate !== null && startDate < ctx.today) errors.start_date = "La date souhaitée ne peut pas être passée.";
  else if (startDate !== null && startDate > addDays(ctx.today, 731)) errors.start_date = "La date souhaitée doit être dans les deux ans qui viennent.";

  const knownPublics = v.publics.filter((p) => PUBLICS.some((o) => o.code === p));
  if (knownPublics.length !== v.publics.length) errors.publics = "Choisissez les publics dans la liste.";
  if (v.public_details.length > 500) errors.public_details = "La précision sur le public doit faire 500 caractères au plus.";
  else if (v.kind === "public" && v.public_details === "") errors.public_details = "Décrivez le public à accompagner, par exemple « résidents de l'EHPAD ».";
  const people = /^\d{1,6}$/.test(v.expected_people) ? Number(v.expected_people) : Number.NaN;
  if (v.expected_people !== "" && !(people >= 1 && people <= 100_000)) errors.expected_people = "Indiquez un nombre de personnes, par exemple 15.";

  if (v.details === "") errors.details = "Décrivez votre demande en quelques phrases.";
  else if (v.details.length > DETAILS_MAX) errors.details = `La description doit faire ${DETAILS_MAX} caractères au plus (actuellement ${v.details.length}).`;

  if (v.contact_name === "") errors.contact_name = "Indiquez le nom de la personne à contacter.";
  else if (v.contact_name.length > 120) errors.contact_name = "Le nom doit faire 120 caractères au plus.";
  if (v.contact_role.length > 120) errors.contact_role = "La fonction doit faire 120 caractères au plus.";
  const email = v.contact_email === "" ? null : normalizeEmail(v.contact_email);
  if (email !== null && !isPlausibleEmail(email)) errors.contact_email = "Indiquez une adresse électronique valide, par exemple secretariat@mairie-exemple.fr.";
  const phone = v.contact_phone === "" ? null : normalizePhone(v.contact_phone);
  if (v.contact_phone !== "" && phone === null) errors.contact_phone = "Indiquez un numéro à 10 chiffres, par exemple 05 53 65 00 00.";
  if (email === null && v.contact_phone === "") errors.contact_email = "Indiquez au moins une adresse électronique ou un téléphone.";

  let channel: RequestChannel = "online";
  if (ctx.side === "coordination") {
    if ((RECORDED_CHANNELS as string[]).includes(v.channel)) channel = v.channel as RequestChannel;
    else errors.channel = "Indiquez comment la demande est arrivée.";
  }

  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: {
      kind: v.kind as RequestKind,
      communeText: v.commune,
      communeChoice: optional(v.commune_code),
      placeId: optional(v.place_id),
      address: optional(v.address),
      weekdays: [...new Set(v.weekdays.map(Number))].sort((a, b) => a - b),
      startTime: optional(v.start_time),
      endTime: optional(v.end_time),
      rhythm: v.rhythm === "" ? null : (v.rhythm as RequestRhythm),
      startDate,
      publics: knownPublics,
      publicDetails: optional(v.public_details),
      expectedPeople: v.expected_people === "" ? null : people,
      details: v.details,
      contactName: v.contact_name,
      contactRole: optional(v.contact_role),
      contactEmail: email,
      contactPhone: phone,
      channel,
    },
    errors,
  };
}
