// Booking on behalf: the back-office page to choose the place first.
import { Button } from "../../web/components.tsx";
import { SelectField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";

export function StaffPlacePage(props: { ctx: PageContext; places: { id: string; name: string; communeName: string }[] }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Prendre rendez-vous pour une personne">
      <h1>Prendre rendez-vous pour une personne</h1>
      {props.places.length === 0 ? (
        <p>Aucun lieu de votre structure n'est enregistré.</p>
      ) : (
        <form method="get" action="/gestion/rendez-vous/nouveau">
          <SelectField
            name="lieu"
            label="Lieu du rendez-vous"
            required
            value=""
            choices={props.places.map((p) => ({ value: p.id, label: `${p.name} (${p.communeName})` }))}
          />
          <Button>Continuer</Button>
        </form>
      )}
    </Layout>
  );
}
