//! One test per rule, named after it (`commit.cue.will` -> `commit_cue_will`), each on
//! sentences made up for the test. `every_rule_has_a_test` keeps the list complete.

use citebrief_store::{CaveatKind, Domain, Extraction, Polarity, Status};

use crate::{cues, extract, Lexicon};

fn facts(text: &str) -> Extraction {
    let doc = citebrief_source::read_bytes("t", text.as_bytes());
    extract(&[doc], &Lexicon::builtin())
}

fn dated(text: &str, date: &str) -> Extraction {
    let mut doc = citebrief_source::read_bytes("t", text.as_bytes());
    doc.meta.date = Some(date.into());
    extract(&[doc], &Lexicon::builtin())
}

/// The commitment with these actors and domain; panics with everything found otherwise.
fn commitment<'a>(
    ex: &'a Extraction,
    actors: &[&str],
    domain: Domain,
) -> &'a citebrief_store::Commitment {
    ex.commitments
        .iter()
        .find(|c| c.actors == actors && c.domain == domain)
        .unwrap_or_else(|| {
            let found: Vec<String> = ex
                .commitments
                .iter()
                .map(|c| format!("{:?} {} {}", c.actors, c.domain, c.polarity))
                .collect();
            panic!("no {actors:?} {domain} commitment; found {found:?}")
        })
}

fn caveat<'a>(ex: &'a Extraction, kind: CaveatKind, about: &[&str]) -> &'a citebrief_store::Caveat {
    ex.caveats
        .iter()
        .find(|c| c.caveat == kind && c.about == about)
        .unwrap_or_else(|| {
            let found: Vec<String> = ex
                .caveats
                .iter()
                .map(|c| format!("{} {:?}", c.caveat, c.about))
                .collect();
            panic!("no {kind} {about:?} caveat; found {found:?}")
        })
}

fn fired(rules: &[citebrief_store::RuleName], name: &str) {
    assert!(
        rules.iter().any(|r| r == name),
        "rule {name} not among {rules:?}"
    );
}

fn no_commitments(ex: &Extraction) {
    let found: Vec<String> = ex
        .commitments
        .iter()
        .map(|c| format!("{:?} {}", c.actors, c.domain))
        .collect();
    assert!(found.is_empty(), "expected no commitment, found {found:?}");
}

// ---------------- commitment cues ----------------

#[test]
fn commit_cue_will() {
    let ex = facts("Norway will provide air defence systems to protect Ukrainian cities from missile strikes.\n");
    let c = commitment(&ex, &["NO"], Domain::AirDefence);
    assert_eq!(
        (c.polarity, c.status),
        (Polarity::Positive, Status::Pledged)
    );
    fired(&c.meta.rules, "commit.cue.will");
}

#[test]
fn commit_cue_agree() {
    let ex = facts(
        "Denmark and Finland agreed to train Ukrainian pilots at bases in their own countries.\n",
    );
    let c = commitment(&ex, &["DK", "FI"], Domain::Training);
    fired(&c.meta.rules, "commit.cue.agree");
}

#[test]
fn commit_cue_pledge() {
    let ex = facts(
        "The Portuguese government pledged naval patrols off the Ukrainian coast for two years.\n",
    );
    let c = commitment(&ex, &["PT"], Domain::Maritime);
    assert_eq!(c.status, Status::Pledged);
    fired(&c.meta.rules, "commit.cue.pledge");
}

#[test]
fn commit_cue_commitment() {
    let ex = facts("Canada announced a commitment of intelligence sharing with Kyiv for the duration of any truce.\n");
    let c = commitment(&ex, &["CA"], Domain::Intelligence);
    fired(&c.meta.rules, "commit.cue.commitment");
}

#[test]
fn commit_cue_provide() {
    let ex = facts("Latvia provides logistical support through its ports and railways, officials in Riga noted.\n");
    let c = commitment(&ex, &["LV"], Domain::Logistics);
    fired(&c.meta.rules, "commit.cue.provide");
}

#[test]
fn commit_cue_sign() {
    let ex = facts(
        "Spain signed a pact on the financing of Ukrainian drone production in Madrid last week.\n",
    );
    let c = commitment(&ex, &["ES"], Domain::Financing);
    assert_eq!(c.status, Status::Signed);
    fired(&c.meta.rules, "commit.cue.sign");
}

#[test]
fn merged_commitment_keeps_the_firmest_status() {
    let a = citebrief_source::read_bytes(
        "a",
        b"Norway would send fighter jets to patrol the skies over western Ukraine.\n",
    );
    let b = citebrief_source::read_bytes(
        "b",
        b"Norway signed an accord to send fighter jets to patrol Ukrainian skies.\n",
    );
    let ex = extract(&[a, b], &Lexicon::builtin());
    let c = commitment(&ex, &["NO"], Domain::Air);
    assert_eq!(
        (c.status, c.citations.len(), c.corroboration),
        (Status::Signed, 2, 2)
    );
}

#[test]
fn signature_carries_to_what_it_agrees() {
    let ex = facts("Norway and Sweden signed a memorandum in Oslo on Friday, agreeing to pool their air defence.\n");
    assert_eq!(
        commitment(&ex, &["NO", "SE"], Domain::AirDefence).status,
        Status::Signed
    );
}

#[test]
fn commit_cue_ready_to() {
    let ex = facts(
        "Japan is ready to fund the reconstruction of power plants damaged during the war.\n",
    );
    let c = commitment(&ex, &["JP"], Domain::Reconstruction);
    assert_eq!(c.status, Status::Offered);
    fired(&c.meta.rules, "commit.cue.ready-to");
}

#[test]
fn commit_cue_could() {
    let ex = facts("Estonia could contribute a small contingent of engineers, the Estonian defence ministry said.\n");
    let c = commitment(&ex, &["EE"], Domain::GroundForces);
    assert_eq!(c.status, Status::Offered);
    fired(&c.meta.rules, "commit.cue.could");
}

#[test]
fn commit_cue_plan() {
    let ex =
        facts("Poland plans to send mine clearance teams to the Odesa region in the spring.\n");
    let c = commitment(&ex, &["PL"], Domain::Demining);
    assert_eq!(c.status, Status::Planned);
    fired(&c.meta.rules, "commit.cue.plan");
}

#[test]
fn commit_cue_discuss() {
    let ex = facts("Lithuania is discussing the delivery of ammunition with its Baltic neighbours this month.\n");
    let c = commitment(&ex, &["LT"], Domain::Weapons);
    assert_eq!(c.status, Status::Planned);
    fired(&c.meta.rules, "commit.cue.discuss");
}

// ---------------- refusals ----------------

#[test]
fn commit_negative_will_not() {
    let ex = facts(
        "Austria will not send soldiers or provide fighter jets, its chancellor told parliament.\n",
    );
    let troops = commitment(&ex, &["AT"], Domain::GroundForces);
    assert_eq!(
        (troops.polarity, troops.status),
        (Polarity::Negative, Status::RuledOut)
    );
    fired(&troops.meta.rules, "commit.negative.will-not");
    // the refusal carries over "or provide" in the same clause
    assert_eq!(
        commitment(&ex, &["AT"], Domain::Air).polarity,
        Polarity::Negative
    );
}

#[test]
fn commit_negative_rule_out() {
    let ex =
        facts("Hungary has ruled out any funding for weapons purchases made on behalf of Kyiv.\n");
    let c = commitment(&ex, &["HU"], Domain::Financing);
    assert_eq!(c.polarity, Polarity::Negative);
    fired(&c.meta.rules, "commit.negative.rule-out");
}

#[test]
fn commit_negative_not_foreseen() {
    let ex = facts("A Greek naval deployment in the region is not foreseen, according to the Greek government.\n");
    let c = commitment(&ex, &["GR"], Domain::Maritime);
    assert_eq!(c.polarity, Polarity::Negative);
    fired(&c.meta.rules, "commit.negative.not-foreseen");
}

#[test]
fn clause_boundary() {
    // "but" ends the refusal: the second clause is positive again
    let ex = facts(
        "Ireland will not send troops, but it will fund demining along the southern coast.\n",
    );
    assert_eq!(
        commitment(&ex, &["IE"], Domain::GroundForces).polarity,
        Polarity::Negative
    );
    let demining = commitment(&ex, &["IE"], Domain::Demining);
    assert_eq!(demining.polarity, Polarity::Positive);
    // a negation before a colon or a quote stays in its own clause
    for text in [
        "Portugal's defence minister would not give a date: \"We will supply weapons to Kyiv.\"\n",
        "Portugal's defence minister would not give a date, saying “we will supply weapons to Kyiv”.\n",
    ] {
        let ex = facts(text);
        assert_eq!(
            commitment(&ex, &["PT"], Domain::Weapons).polarity,
            Polarity::Positive,
            "{text}"
        );
    }
}

// ---------------- conditions, quantities, domains ----------------

#[test]
fn tasked_personnel_give_the_task_only() {
    let ex = facts(
        "Austria will send 150 military personnel to help with mine clearance in the Kherson region.\n",
    );
    commitment(&ex, &["AT"], Domain::Demining);
    assert!(
        !ex.commitments
            .iter()
            .any(|c| c.domain == Domain::GroundForces),
        "tasked personnel counted as ground forces: {:?}",
        ex.commitments
    );
    let ex = facts(
        "Austria will send four fighter jets and 40 personnel to the mission in western Ukraine.\n",
    );
    commitment(&ex, &["AT"], Domain::Air);
    assert!(!ex
        .commitments
        .iter()
        .any(|c| c.domain == Domain::GroundForces));
    // soldiers sent without a task are ground forces
    let ex = facts("Austria will send 150 soldiers to the reassurance force in western Ukraine.\n");
    commitment(&ex, &["AT"], Domain::GroundForces);
}

#[test]
fn commit_condition() {
    let ex = facts(
        "Romania would deploy engineers and troops once a truce is signed by both parties.\n",
    );
    let c = commitment(&ex, &["RO"], Domain::GroundForces);
    assert_eq!(
        c.condition.as_deref(),
        Some("once a truce is signed by both parties")
    );
    fired(&c.meta.rules, "commit.condition");
    // "signed" inside the condition does not make the commitment signed
    assert_eq!(c.status, Status::Pledged);
}

#[test]
fn commit_quantity() {
    let ex = facts(
        "Croatia and Slovenia will send as many as 2,500 soldiers to guard the western border.\n",
    );
    let c = commitment(&ex, &["HR", "SI"], Domain::GroundForces);
    assert_eq!(c.quantity.as_deref(), Some("as many as 2,500 soldiers"));
    fired(&c.meta.rules, "commit.quantity");
    // a model number is no count: "F-35 jets" are not 35 jets, "S-300 batteries" not 300
    let ex = facts("Norway will provide F-35 jets and 6 patrol aircraft to watch the coast.\n");
    assert_eq!(
        commitment(&ex, &["NO"], Domain::Air).quantity.as_deref(),
        Some("6 patrol aircraft")
    );
    let ex = facts("Greece will send S-300 batteries to shield the port of Odesa from missile strikes this winter.\n");
    assert_eq!(commitment(&ex, &["GR"], Domain::AirDefence).quantity, None);
}

#[test]
fn commit_domain_unspecified() {
    let ex = facts(
        "\"We are prepared to commit, once our lawmakers agree,\" Luxembourg's Luc Frieden said.\n",
    );
    let c = commitment(&ex, &["LU"], Domain::Other);
    fired(&c.meta.rules, "commit.domain.unspecified");
}

#[test]
fn commit_us_guarantee_is_backstop() {
    let ex = facts(
        "Washington will offer a security guarantee that stands behind the European force.\n",
    );
    let c = commitment(&ex, &["US"], Domain::Backstop);
    fired(&c.meta.rules, "commit.us-guarantee-is-backstop");
}

#[test]
fn commit_eu_accession_is_eu() {
    let ex = facts("Kyiv's accession to the bloc will anchor the peace, the Swedish minister argued on Monday.\n");
    let c = commitment(&ex, &["EU"], Domain::EuAccession);
    fired(&c.meta.rules, "commit.eu-accession-is-eu");
}

#[test]
fn domains_one_commitment_per_domain_named() {
    let ex =
        facts("The coalition will offer air, land and sea support to deter a renewed offensive.\n");
    for d in [Domain::Air, Domain::GroundForces, Domain::Maritime] {
        commitment(&ex, &["COALITION"], d);
    }
}

// ---------------- actors ----------------

#[test]
fn actor_subject() {
    // reported speech: the committing country, not the speaker
    let ex = facts(
        "Giorgia Meloni said the Netherlands would train Ukrainian medics at Dutch hospitals.\n",
    );
    let c = commitment(&ex, &["NL"], Domain::Training);
    fired(&c.meta.rules, "actor.subject");
    assert!(!ex
        .commitments
        .iter()
        .any(|c| c.actors.contains(&"IT".to_string())));
}

#[test]
fn actor_modifier() {
    let ex = facts(
        "Officials expect that Danish and Norwegian frigates could patrol the western sea lanes.\n",
    );
    let c = commitment(&ex, &["DK", "NO"], Domain::Maritime);
    fired(&c.meta.rules, "actor.modifier");
}

#[test]
fn actor_led() {
    let ex = facts(
        "The allies will join a Canadian-led verification mission along the line of contact.\n",
    );
    commitment(&ex, &["COALITION"], Domain::Monitoring);
    let c = commitment(&ex, &["CA"], Domain::Monitoring);
    fired(&c.meta.rules, "actor.led");
}

#[test]
fn actor_collective() {
    let ex = facts("Leaders from Nordic countries, Canada and Japan said they would fund air defence batteries.\n");
    let c = commitment(&ex, &["COALITION"], Domain::AirDefence);
    fired(&c.meta.rules, "actor.collective");
}

#[test]
fn actor_default_coalition() {
    let ex = facts("Talks on the security guarantees will now focus on the demining of farmland in the south.\n");
    let c = commitment(&ex, &["COALITION"], Domain::Demining);
    fired(&c.meta.rules, "actor.default-coalition");
    // off topic, nobody named: not a commitment of anyone
    no_commitments(&facts(
        "The city council will fund a new budget for land use in the harbour district.\n",
    ));
}

#[test]
fn actor_home_country() {
    // an unnamed ministry speaks for the dateline's country, not for the coalition
    let ex = facts(
        "LISBON, June 4 (Reuters) - Ministers met on Tuesday to review the aid.\n\
         The Ministry will also send demining equipment to Ukraine next month.\n",
    );
    let c = commitment(&ex, &["PT"], Domain::Demining);
    fired(&c.meta.rules, "actor.home-country");
    // or for the country named earlier in its line
    let ex = facts(
        "Ministers from Ireland met their allies on Tuesday. Then officials said they would send demining teams to Ukraine.\n",
    );
    commitment(&ex, &["IE"], Domain::Demining);
    // with no country to speak for, no commitment at all
    let ex = facts("Officials said on Tuesday that they would send demining teams to Ukraine.\n");
    assert!(
        !ex.commitments.iter().any(|c| c.actors == ["COALITION"]),
        "{:?}",
        ex.commitments
    );
}

#[test]
fn brussels_beside_belgium_is_belgium() {
    let ex = facts(
        "Belgium's prime minister said Brussels is ready to provide F-16 fighter jets to patrol Ukrainian skies.\n",
    );
    commitment(&ex, &["BE"], Domain::Air);
    assert!(
        !ex.commitments.iter().any(|c| c.actors == ["EU"]),
        "{:?}",
        ex.commitments
    );
    // on its own, Brussels is the EU
    let ex = facts("Brussels is ready to provide funding of €5bn for Ukrainian air defence.\n");
    assert!(ex.commitments.iter().any(|c| c.actors == ["EU"]));
}

#[test]
fn actor_speaker_after_quote() {
    let ex = facts(
        "\"Long-term funding is the commitment that matters,\" Mette Frederiksen told reporters.\n",
    );
    let c = commitment(&ex, &["DK"], Domain::Financing);
    fired(&c.meta.rules, "actor.speaker-after-quote");
}

#[test]
fn actor_ukraine_speaks_for_coalition() {
    let ex = facts(
        "Volodymyr Zelensky said the guarantees would include intelligence from partners abroad.\n",
    );
    let c = commitment(&ex, &["COALITION"], Domain::Intelligence);
    fired(&c.meta.rules, "actor.ukraine-speaks-for-coalition");
    assert!(!ex
        .commitments
        .iter()
        .any(|c| c.actors.contains(&"UA".to_string())));
}

#[test]
fn actor_pronoun_person() {
    let ex = facts(
        "Pedro Sánchez met his counterparts on Friday. He will provide two frigates for patrols.\n",
    );
    commitment(&ex, &["ES"], Domain::Maritime);
}

#[test]
fn actor_pronoun_speaker() {
    let ex = facts("\"We will send instructors to train their engineers,\" said Petteri Orpo after the talks.\n");
    commitment(&ex, &["FI"], Domain::Training);
}

#[test]
fn actor_pronoun_country() {
    let ex = facts(
        "Prime Minister Kristen Michal announced that his country will fund drone training.\n",
    );
    commitment(&ex, &["EE"], Domain::Financing);
}

#[test]
fn actor_observer() {
    let ex = facts(
        "A defence analyst said Britain would probably send troops if asked by the allies.\n",
    );
    no_commitments(&ex);
}

#[test]
fn actor_venue_is_not_an_actor() {
    let ex =
        facts("At a summit in Rome on Thursday, Belgium pledged fighter jets for air policing.\n");
    commitment(&ex, &["BE"], Domain::Air);
    assert!(!ex
        .commitments
        .iter()
        .any(|c| c.actors.contains(&"IT".to_string())));
}

#[test]
fn ukraine_acting_for_itself_is_not_a_commitment() {
    no_commitments(&facts(
        "Ukraine can defend its skies with more air defence, the minister said on Sunday.\n",
    ));
    // but Ukraine's allies are guarantors
    commitment(
        &facts("Ukraine's allies will fund air defence for the coming winter.\n"),
        &["COALITION"],
        Domain::AirDefence,
    );
}

#[test]
fn russian_objections_are_not_commitments() {
    let ex = facts(
        "The Kremlin rejects any deployment of European troops and will not agree to monitoring.\n",
    );
    no_commitments(&ex);
}

// ---------------- caveats ----------------

#[test]
fn caveat_after_ceasefire_condition() {
    let ex = facts("Sweden will send minesweepers after a peace deal is concluded with Moscow.\n");
    let c = caveat(&ex, CaveatKind::AfterCeasefire, &["SE"]);
    fired(&c.meta.rules, "caveat.after-ceasefire.condition");
}

#[test]
fn caveat_after_ceasefire_cue() {
    let ex = facts("The allies are weighing a postwar air mission over western Ukraine.\n");
    let c = caveat(&ex, CaveatKind::AfterCeasefire, &[]);
    fired(&c.meta.rules, "caveat.after-ceasefire.cue");
}

#[test]
fn caveat_needs_ratification_cue() {
    let ex = facts("Finland's offer of artillery must still be ratified by its lawmakers before any transfer.\n");
    let c = caveat(&ex, CaveatKind::NeedsRatification, &["FI"]);
    fired(&c.meta.rules, "caveat.needs-ratification.cue");
}

#[test]
fn caveat_needs_ratification_condition() {
    let ex =
        facts("Portugal would send a frigate subject to a vote of approval in the assembly.\n");
    let c = caveat(&ex, CaveatKind::NeedsRatification, &["PT"]);
    fired(&c.meta.rules, "caveat.needs-ratification.condition");
}

#[test]
fn caveat_details_unclear_cue() {
    let ex =
        facts("How the mission would be commanded and who would pay for it remains unclear.\n");
    let c = caveat(&ex, CaveatKind::DetailsUnclear, &[]);
    fired(&c.meta.rules, "caveat.details-unclear.cue");
}

#[test]
fn caveat_russian_opposition_cue() {
    // about the committed troop contributors, never the objector
    let text = "Denmark and Norway pledged troops for the reassurance mission on the Dnipro.\n\
                Sergei Lavrov rejected the presence of any Western troops in Ukraine as unacceptable.\n\
                Dmitry Peskov said there could be no ceasefire until Kyiv's demands are dropped.\n";
    let ex = facts(text);
    let targeted = caveat(&ex, CaveatKind::Opposition, &["DK", "NO"]);
    fired(&targeted.meta.rules, "caveat.russian-opposition.cue");
    caveat(&ex, CaveatKind::Opposition, &[]);
    assert!(!ex
        .caveats
        .iter()
        .any(|c| c.about.contains(&"RU".to_string())));
}

#[test]
fn caveat_limited_role_cue() {
    let ex = facts(
        "Belgian soldiers could be deployed but would not engage in combat, Theo Francken said.\n",
    );
    let c = caveat(&ex, CaveatKind::LimitedRole, &["BE"]);
    fired(&c.meta.rules, "caveat.limited-role.cue");
    assert_eq!(
        commitment(&ex, &["BE"], Domain::GroundForces).polarity,
        Polarity::Positive
    );
}

#[test]
fn caveat_weakened_wording_cue() {
    let ex = facts("A pledge of Canadian air patrols was watered down in the final communique.\n");
    let c = caveat(&ex, CaveatKind::WeakenedWording, &["CA"]);
    fired(&c.meta.rules, "caveat.weakened-wording.cue");
}

#[test]
fn caveat_limited_resources_cue() {
    let ex = facts("Slovenia pledged peacekeepers for the mission. The offer was scaled back after budget talks.\n");
    let c = caveat(&ex, CaveatKind::LimitedResources, &["SI"]);
    fired(&c.meta.rules, "caveat.limited-resources.cue");
}

#[test]
fn caveat_limited_resources_condition() {
    let ex = facts("Bulgaria could supply shells to Kyiv if they are financed by its partners.\n");
    let c = caveat(&ex, CaveatKind::LimitedResources, &["BG"]);
    fired(&c.meta.rules, "caveat.limited-resources.condition");
    // money named inside the condition is not a financing commitment
    assert!(!ex.commitments.iter().any(|c| c.domain == Domain::Financing));
}

#[test]
fn caveat_other_peace_doubt() {
    let ex = facts(
        "Mark Carney cautioned that the hardest yards of the negotiation were still to come.\n",
    );
    let c = caveat(&ex, CaveatKind::Other, &[]);
    fired(&c.meta.rules, "caveat.other.peace-doubt");
}

#[test]
fn caveat_other_support_doubt() {
    let ex = facts(
        "Kaja Kallas welcomed the deal, though Washington could withdraw American backing later.\n",
    );
    let c = caveat(&ex, CaveatKind::Other, &["US"]);
    fired(&c.meta.rules, "caveat.other.support-doubt");
}

// ---------------- discrepancies ----------------

#[test]
fn discrepancy_meeting_date() {
    let a = citebrief_source::read_bytes(
        "a",
        b"The summit was held in Oslo on March 4, 2023, with leaders of the Nordic states.\n",
    );
    let b = citebrief_source::read_bytes(
        "b",
        b"Leaders met for talks on 4 March 2025 to discuss the future of air patrols.\n",
    );
    let ex = extract(&[a, b], &Lexicon::builtin());
    let d = ex
        .discrepancies
        .iter()
        .find(|d| d.topic == "meeting date")
        .expect("a meeting date discrepancy");
    assert_eq!(d.claims.len(), 2);
    assert_eq!(
        d.statement,
        "The sources give 2 different accounts of the meeting date."
    );
    fired(&d.meta.rules, "discrepancy.meeting-date");
}

#[test]
fn discrepancy_meeting_date_weekday() {
    // published Wednesday 2025-03-05: "on Tuesday" is 2025-03-04, not the 2023 of the other page
    let ex = {
        let a = citebrief_source::read_bytes(
            "a",
            b"The summit in Oslo on March 4, 2023, gathered the Nordic leaders for talks.\n",
        );
        let mut b = citebrief_source::read_bytes(
            "b",
            b"Ministers agreed on Tuesday to extend the maritime patrols for a year.\n",
        );
        b.meta.date = Some("2025-03-05".into());
        extract(&[a, b], &Lexicon::builtin())
    };
    let d = ex
        .discrepancies
        .iter()
        .find(|d| d.topic == "meeting date")
        .expect("a meeting date discrepancy");
    assert!(
        d.claims.iter().any(|c| c.value.contains("2025-03-04")),
        "{:?}",
        d.claims
    );
    fired(&d.meta.rules, "discrepancy.meeting-date.weekday");
    // the same weekday agreeing with a dated page is no discrepancy
    let same = dated(
        "Ministers agreed on Tuesday to extend the maritime patrols for a year.\n",
        "2025-03-05",
    );
    assert!(same.discrepancies.is_empty());
}

#[test]
fn discrepancy_participants() {
    let a = citebrief_source::read_bytes(
        "a",
        b"The meeting was attended by 19 countries and the heads of two agencies.\n",
    );
    let b = citebrief_source::read_bytes(
        "b",
        b"Some 24 leaders took part in the summit, the hosts said in a statement.\n",
    );
    let ex = extract(&[a, b], &Lexicon::builtin());
    let d = ex
        .discrepancies
        .iter()
        .find(|d| d.topic == "participants")
        .expect("participants");
    fired(&d.meta.rules, "discrepancy.participants");
}

#[test]
fn discrepancy_force_size() {
    let a = citebrief_source::read_bytes(
        "a",
        b"Poland and Romania plan to send up to 8,000 troops to the south.\n",
    );
    let b = citebrief_source::read_bytes(
        "b",
        b"The size of the force has not been disclosed by any of the governments involved.\n",
    );
    let ex = extract(&[a, b], &Lexicon::builtin());
    let d = ex
        .discrepancies
        .iter()
        .find(|d| d.topic == "force size")
        .expect("force size");
    assert_eq!(d.claims.len(), 2);
    fired(&d.meta.rules, "discrepancy.force-size");
}

#[test]
fn discrepancy_command() {
    let a = citebrief_source::read_bytes(
        "a",
        b"The chain of command for the mission was defined at the meeting of defence chiefs.\n",
    );
    let b = citebrief_source::read_bytes(
        "b",
        b"Questions of command and control are still under discussion among the partners.\n",
    );
    let ex = extract(&[a, b], &Lexicon::builtin());
    let d = ex
        .discrepancies
        .iter()
        .find(|d| d.topic == "command arrangements")
        .expect("command");
    fired(&d.meta.rules, "discrepancy.command");
}

#[test]
fn discrepancy_command_negated_settled_is_open() {
    let a = citebrief_source::read_bytes(
        "a",
        b"The chain of command for the mission was agreed by the defence chiefs on Friday.\n",
    );
    let b = citebrief_source::read_bytes(
        "b",
        b"How the brigade will be commanded has not been settled, two diplomats said.\n",
    );
    let ex = extract(&[a, b], &Lexicon::builtin());
    let d = ex
        .discrepancies
        .iter()
        .find(|d| d.topic == "command arrangements")
        .expect("a settled and an unsettled claim disagree");
    let values: Vec<&str> = d.claims.iter().map(|c| &*c.value).collect();
    assert!(
        values.contains(&"command arrangements still open"),
        "{values:?}"
    );
    assert!(
        values.contains(&"command arrangements settled"),
        "{values:?}"
    );
}

#[test]
fn discrepancy_trigger() {
    let a = citebrief_source::read_bytes(
        "a",
        b"Italy will send engineers and troops after a ceasefire takes hold on the front.\n",
    );
    let b = citebrief_source::read_bytes(
        "b",
        b"Italy will deploy troops once a peace agreement is signed by Kyiv and Moscow.\n",
    );
    let ex = extract(&[a, b], &Lexicon::builtin());
    let d = ex
        .discrepancies
        .iter()
        .find(|d| d.topic == "deployment trigger")
        .expect("trigger");
    assert_eq!(d.claims.len(), 2);
    fired(&d.meta.rules, "discrepancy.trigger");
}

#[test]
fn no_discrepancy_when_sources_agree() {
    let a = citebrief_source::read_bytes(
        "a",
        b"The summit was held in Oslo on March 4, 2025, with leaders of the Nordic states.\n",
    );
    let b = citebrief_source::read_bytes(
        "b",
        b"Leaders met for talks on 4 March 2025 to discuss the future of air patrols.\n",
    );
    assert!(extract(&[a, b], &Lexicon::builtin())
        .discrepancies
        .is_empty());
}

// ---------------- citations ----------------

#[test]
fn quotes_are_on_their_lines() {
    let text = "Intro line that is not much.\n\nThe UK and France will send troops after a truce. Germany will fund it.\r\nSpain could offer jets.\n";
    let doc = citebrief_source::read_bytes("t", text.as_bytes());
    let ex = extract(std::slice::from_ref(&doc), &Lexicon::builtin());
    let cites = ex
        .commitments
        .iter()
        .flat_map(|c| &c.citations)
        .chain(ex.caveats.iter().flat_map(|c| &c.citations));
    let mut n = 0;
    for c in cites {
        n += 1;
        assert!(doc.line_text(c.line).unwrap().contains(&*c.quote), "{c:?}");
        assert!(
            c.quote.split_whitespace().count() >= 3,
            "quote too short: {c:?}"
        );
    }
    assert!(n >= 3);
}

#[test]
fn commit_negative_no() {
    let ex = facts("The minister said there will be no Portuguese troops in the mission.\n");
    let c = commitment(&ex, &["PT"], Domain::GroundForces);
    assert_eq!(c.polarity, Polarity::Negative);
    fired(&c.meta.rules, "commit.negative.no");
    // a pledge that names something after "no" or "not" does not pledge it
    for text in [
        "Portugal will send two frigates to the Black Sea, but no troops.\n",
        "Portugal will send two frigates to the Black Sea, not boots on the ground.\n",
    ] {
        let ex = facts(text);
        commitment(&ex, &["PT"], Domain::Maritime);
        assert!(
            !ex.commitments
                .iter()
                .any(|c| c.domain == Domain::GroundForces && c.polarity == Polarity::Positive),
            "{text}: {:?}",
            ex.commitments
        );
    }
}

#[test]
fn commit_domain_attack_clause() {
    let ex = facts(
        "Under the treaty, Norway is obliged to consult its partners if Ukraine is attacked.\n",
    );
    let c = commitment(&ex, &["NO"], Domain::BindingGuarantee);
    fired(&c.meta.rules, "commit.domain.attack-clause");
    assert_eq!(c.condition.as_deref(), Some("if Ukraine is attacked"));
}

#[test]
fn caveat_limited_role_refusal() {
    let ex = facts("Greece stopped short of committing frigates to the Black Sea mission.\n");
    let c = commitment(&ex, &["GR"], Domain::Maritime);
    assert_eq!(c.polarity, Polarity::Negative);
    fired(
        &caveat(&ex, CaveatKind::LimitedRole, &["GR"]).meta.rules,
        "caveat.limited-role.refusal",
    );
    // refusing money is no limit on the role
    let ex = facts(
        "Austria will not contribute funding to the new pool, the finance ministry in Vienna said.\n",
    );
    assert_eq!(
        commitment(&ex, &["AT"], Domain::Financing).polarity,
        Polarity::Negative
    );
    assert!(ex
        .caveats
        .iter()
        .all(|c| c.caveat != CaveatKind::LimitedRole));
}

#[test]
fn caveat_details_unclear_open() {
    let ex = facts(
        "Croatia will send a minehunter, but who pays for its operations remains unresolved.\n",
    );
    fired(
        &caveat(&ex, CaveatKind::DetailsUnclear, &["HR"]).meta.rules,
        "caveat.details-unclear.open",
    );
    // no detail of the package named: a doubt about the peace itself
    let ex =
        facts("Slovenia pledged instructors, although the question of borders remains open.\n");
    caveat(&ex, CaveatKind::Other, &[]);
    assert!(ex
        .caveats
        .iter()
        .all(|c| c.caveat != CaveatKind::DetailsUnclear));
}

// ---------------- generalisation: forms seen outside the seed brief ----------------

#[test]
fn money_given_is_financing_and_its_amount_the_quantity() {
    let ex = facts("Denmark will contribute €1.5bn to the new army fund, its minister said.\n");
    let c = commitment(&ex, &["DK"], Domain::Financing);
    assert_eq!(c.quantity.as_deref(), Some("€1.5bn"));
    let ex = facts("Portugal pledged 300 million euros for the purchase of artillery shells.\n");
    assert_eq!(
        commitment(&ex, &["PT"], Domain::Financing)
            .quantity
            .as_deref(),
        Some("300 million euros")
    );
    // what the money buys is financed, not delivered
    assert!(ex.commitments.iter().all(|c| c.domain != Domain::Weapons));
    // a price is not a contribution
    let ex = facts("Estonia will deliver drones, a package worth $80m, by June, the defence ministry in Tallinn said.\n");
    assert!(ex.commitments.iter().all(|c| c.domain != Domain::Financing));
    commitment(&ex, &["EE"], Domain::Weapons);
}

#[test]
fn counted_units_give_the_quantity_of_their_domain() {
    let ex = facts(
        "Romania will contribute two squadrons of F-16 jets and a 2,000-strong battle group brigade.\n",
    );
    assert_eq!(
        commitment(&ex, &["RO"], Domain::Air).quantity.as_deref(),
        Some("two squadrons of F-16 jets")
    );
    assert_eq!(
        commitment(&ex, &["RO"], Domain::GroundForces)
            .quantity
            .as_deref(),
        Some("a 2,000-strong battle group brigade")
    );
}

#[test]
fn beneficiaries_are_not_what_is_given() {
    let ex = facts("Latvia will provide training for Ukrainian naval crews next spring.\n");
    commitment(&ex, &["LV"], Domain::Training);
    assert!(ex.commitments.iter().all(|c| c.domain != Domain::Maritime));
    let ex = facts("Berlin will provide intelligence and airlift to the force, a government spokesman said on Monday.\n");
    commitment(&ex, &["DE"], Domain::Intelligence);
    commitment(&ex, &["DE"], Domain::Logistics);
    assert!(ex
        .commitments
        .iter()
        .all(|c| c.domain != Domain::GroundForces));
}

#[test]
fn passive_agent_is_the_subject() {
    let ex = facts("The plan, drafted by Portugal and Greece, envisages 400 observers.\n");
    let c = commitment(&ex, &["GR", "PT"], Domain::Monitoring);
    assert_eq!(c.status, Status::Planned);
    assert_eq!(c.quantity.as_deref(), Some("400 observers"));
}

#[test]
fn dateline_capital_is_no_actor() {
    let ex =
        facts("OSLO, May 2 (Reuters) - Denmark will send instructors to train Ukrainian units.\n");
    commitment(&ex, &["DK"], Domain::Training);
    assert!(ex.commitments.iter().all(|c| c.actors != ["NO"]));
}

#[test]
fn office_holder_named_by_title_speaks_for_the_country() {
    let ex = facts("\"We will not send soldiers,\" Slovenian Defence Minister Ana Novak said.\n");
    let c = commitment(&ex, &["SI"], Domain::GroundForces);
    assert_eq!(c.polarity, Polarity::Negative);
}

#[test]
fn a_new_subject_opens_a_new_group() {
    let ex =
        facts("The minister announced that Belgium will provide $90 million in military aid.\n");
    commitment(&ex, &["BE"], Domain::Weapons);
    commitment(&ex, &["BE"], Domain::Financing);
    assert!(ex.commitments.iter().all(|c| c.actors != ["COALITION"]));
}

#[test]
fn undecided_is_planned_and_stopping_short_is_a_refusal() {
    let ex =
        facts("Finland has yet to decide whether it will send jets to the air policing mission.\n");
    assert_eq!(
        commitment(&ex, &["FI"], Domain::Air).status,
        Status::Planned
    );
    let ex = facts("Portugal stopped short of committing troops to the brigade, officials said after the meeting.\n");
    assert_eq!(
        commitment(&ex, &["PT"], Domain::GroundForces).polarity,
        Polarity::Negative
    );
}

#[test]
fn groups_of_states_act_as_the_coalition() {
    let ex = facts("The G7 agreed to set up a fund to pay salaries of Ukraine's soldiers.\n");
    commitment(&ex, &["COALITION"], Domain::Financing);
    let ex = facts("South Korea and Switzerland will provide demining equipment and deminers.\n");
    commitment(&ex, &["CH", "KR"], Domain::Demining);
}

#[test]
fn elections_are_no_approval_and_attack_clauses_no_ceasefire() {
    let ex = facts(
        "Italy is expected to send jets after its general elections, officials in Rome said on Friday.\n",
    );
    commitment(&ex, &["IT"], Domain::Air);
    assert!(ex
        .caveats
        .iter()
        .all(|c| c.caveat != CaveatKind::NeedsRatification));
    let ex = facts(
        "Spain will send jets if Russia attacks again after a ceasefire, the minister told reporters.\n",
    );
    commitment(&ex, &["ES"], Domain::Air);
    assert!(ex
        .caveats
        .iter()
        .all(|c| c.caveat != CaveatKind::AfterCeasefire));
    let ex = facts(
        "Spain will send jets subject to a vote in the Cortes, the minister told reporters.\n",
    );
    caveat(&ex, CaveatKind::NeedsRatification, &["ES"]);
}

#[test]
fn cue_neutral() {
    let ex = facts(
        "Portugal and Greece, which signed similar pacts, have already completed ratification.\n",
    );
    assert!(ex
        .caveats
        .iter()
        .all(|c| c.caveat != CaveatKind::NeedsRatification));
    let ex = facts("Portugal's pact with Kyiv still awaits ratification by lawmakers in Lisbon.\n");
    caveat(&ex, CaveatKind::NeedsRatification, &["PT"]);
}

#[test]
fn open_questions_are_no_commitments() {
    let ex = facts(
        "Asked whether the mission would escort ships, Greek Defence Minister Nikos Dendias said it \"will not escort merchant vessels\".\n",
    );
    let c = commitment(&ex, &["GR"], Domain::Maritime);
    assert_eq!(c.polarity, Polarity::Negative);
    assert!(ex
        .commitments
        .iter()
        .all(|c| c.polarity == Polarity::Negative));
    let ex = facts(
        "How the brigade will be commanded has not been settled, a Czech diplomat told reporters.\n",
    );
    no_commitments(&ex);
}

#[test]
fn a_package_that_includes_arms_is_a_commitment() {
    let ex = facts(
        "Norway's package, worth $300m, includes 20 armoured vehicles, its defence minister said.\n",
    );
    let c = commitment(&ex, &["NO"], Domain::Weapons);
    assert_eq!(c.status, Status::Pledged);
    assert!(ex.commitments.iter().all(|c| c.domain != Domain::Financing));
}

#[test]
fn allies_in_nato_coverage_are_nato() {
    let text = "NATO leaders met in Oslo on Friday for the summit.\n\nAllies agreed to provide more air defence systems to Ukraine next year.\n\nNATO's chief welcomed the outcome of the talks on Friday evening.\n";
    commitment(&facts(text), &["NATO"], Domain::AirDefence);
    let text = "Allies agreed to provide more air defence systems to Ukraine next year.\n";
    commitment(&facts(text), &["COALITION"], Domain::AirDefence);
}

#[test]
fn coordinated_conditions_are_each_kept() {
    let ex = facts(
        "Greece is prepared to send a frigate once a truce holds and subject to the approval of parliament.\n",
    );
    caveat(&ex, CaveatKind::AfterCeasefire, &["GR"]);
    caveat(&ex, CaveatKind::NeedsRatification, &["GR"]);
}

#[test]
fn naval_task_force_is_maritime_and_not_allowing_is_no_refusal() {
    let ex = facts(
        "Croatia will assign a frigate to the naval task force, its defence minister said on Monday.\n",
    );
    commitment(&ex, &["HR"], Domain::Maritime);
    assert!(ex
        .commitments
        .iter()
        .all(|c| c.domain != Domain::GroundForces));
    let ex = facts(
        "Greece will not allow foreign warships into its ports while the war goes on, officials said.\n",
    );
    no_commitments(&ex);
}

#[test]
fn merged_commitment_takes_quantity_and_condition_from_the_firmest_report() {
    let ex = facts(
        "Before the talks, Norway planned to send 500 troops after a truce.\n\nNorway signed a pact to send 800 troops once a ceasefire holds.\n",
    );
    let c = commitment(&ex, &["NO"], Domain::GroundForces);
    assert_eq!(c.status, Status::Signed);
    assert_eq!(c.quantity.as_deref(), Some("800 troops"));
    assert_eq!(c.condition.as_deref(), Some("once a ceasefire holds"));
}

#[test]
fn every_rule_has_a_test() {
    let source = include_str!("rule_tests.rs");
    let mut names: Vec<&str> = cues::RULES.iter().map(|r| r.name).collect();
    // rules applied in code rather than by cue phrases
    names.extend([
        "actor.subject",
        "actor.modifier",
        "actor.led",
        "actor.collective",
        "actor.default-coalition",
        "actor.home-country",
        "actor.speaker-after-quote",
        "actor.ukraine-speaks-for-coalition",
        "commit.quantity",
        "commit.domain.unspecified",
        "commit.domain.attack-clause",
        "commit.negative.no",
        "caveat.limited-role.refusal",
        "commit.us-guarantee-is-backstop",
        "commit.eu-accession-is-eu",
        "caveat.after-ceasefire.condition",
        "caveat.limited-resources.condition",
        "caveat.needs-ratification.condition",
        "discrepancy.meeting-date",
        "discrepancy.meeting-date.weekday",
        "discrepancy.participants",
        "discrepancy.force-size",
        "discrepancy.command",
        "discrepancy.trigger",
        "caveat.about.earlier-pledges",
        "caveat.russian-opposition.named",
        "caveat.russian-opposition.earlier-pledges",
    ]);
    for name in names {
        let test = format!("fn {}()", name.replace(['.', '-'], "_"));
        assert!(source.contains(&test), "rule {name} has no test `{test}`");
    }
}

// ---------------- wider cue coverage (outlet styles beyond the seeds) ----------------

#[test]
fn caveat_after_ceasefire_cue_wants_a_truce_first() {
    let ex = facts("Greece is willing to send two frigates, but Athens wants a truce first.\n");
    let c = caveat(&ex, CaveatKind::AfterCeasefire, &["GR"]);
    fired(&c.meta.rules, "caveat.after-ceasefire.cue");
}

#[test]
fn caveat_needs_ratification_cue_mandate_from() {
    let ex =
        facts("Austria could send 50 medics, which would need a mandate from the Nationalrat.\n");
    let c = caveat(&ex, CaveatKind::NeedsRatification, &["AT"]);
    fired(&c.meta.rules, "caveat.needs-ratification.cue");
}

#[test]
fn caveat_details_unclear_cue_worked_out() {
    let ex =
        facts("Finland will lead the air mission, whose command chain is yet to be worked out.\n");
    let c = caveat(&ex, CaveatKind::DetailsUnclear, &["FI"]);
    fired(&c.meta.rules, "caveat.details-unclear.cue");
}

#[test]
fn caveat_limited_role_cue_not_engaging() {
    let ex = facts(
        "Croatia will fly patrols over Ukraine but not engaging enemy jets, its minister said.\n",
    );
    let c = caveat(&ex, CaveatKind::LimitedRole, &["HR"]);
    fired(&c.meta.rules, "caveat.limited-role.cue");
}

#[test]
fn not_considering_is_no_plan() {
    let ex =
        facts("Italy will deliver shells to Ukraine but is not considering sending soldiers.\n");
    commitment(&ex, &["IT"], Domain::Weapons);
    assert!(
        !ex.commitments
            .iter()
            .any(|c| c.domain == Domain::GroundForces && c.polarity == Polarity::Positive),
        "'not considering' read as a plan: {:?}",
        ex.commitments
    );
}

#[test]
fn caveat_weakened_wording_cue_softer_formulation() {
    let ex = facts(
        "Allies agreed to consult if Ukraine is attacked, a softer formulation than in May.\n",
    );
    assert!(
        ex.caveats
            .iter()
            .any(|c| c.caveat == CaveatKind::WeakenedWording
                && c.meta
                    .rules
                    .iter()
                    .any(|r| r == "caveat.weakened-wording.cue")),
        "no weakened-wording caveat in {:?}",
        ex.caveats
    );
}

#[test]
fn caveat_limited_resources_cue_only_spare() {
    let ex = facts("Portugal is ready to provide jets for air policing, though it can only spare two aircraft.\n");
    let c = caveat(&ex, CaveatKind::LimitedResources, &["PT"]);
    fired(&c.meta.rules, "caveat.limited-resources.cue");
}

#[test]
fn russian_threat_of_an_answer_is_opposition() {
    let ex = facts("Sweden will send two corvettes. The Russian embassy said the move would not go unanswered.\n");
    assert!(
        ex.caveats
            .iter()
            .any(|c| c.caveat == CaveatKind::Opposition),
        "no russian-opposition caveat in {:?}",
        ex.caveats
    );
}

#[test]
fn belarus_objecting_is_opposition_too() {
    let ex = facts(
        "Latvia will send 300 troops. Belarus's foreign ministry called the plan a provocation.\n",
    );
    assert!(
        ex.caveats
            .iter()
            .any(|c| c.caveat == CaveatKind::Opposition),
        "no russian-opposition caveat in {:?}",
        ex.caveats
    );
}

#[test]
fn pronoun_caveat_is_about_the_line_commitment() {
    let ex = facts(
        "Germany's chancellor spoke first.\nCanada will send observers to the mission, its minister told reporters. She did not say how many.\n",
    );
    caveat(&ex, CaveatKind::DetailsUnclear, &["CA"]);
    assert!(
        !ex.caveats
            .iter()
            .any(|c| c.caveat == CaveatKind::DetailsUnclear && c.about.iter().any(|a| a == "DE")),
        "caveat wrongly about Germany: {:?}",
        ex.caveats
    );
}

// ---------------- caveats that name no guarantor, unseen outlet wording ----------------

#[test]
fn caveat_about_earlier_pledges() {
    // a caveat on a line of its own is about the pledges in the domain it names...
    let ex = facts(
        "Portugal will send two frigates to the naval mission off Odesa.\nAustria will fund the monitoring mission.\nWho will command the naval mission has not been decided.\n",
    );
    let c = caveat(&ex, CaveatKind::DetailsUnclear, &["PT"]);
    fired(&c.meta.rules, "caveat.about.earlier-pledges");
    // ...else about the last sentence's pledges
    let ex = facts(
        "Portugal will send two frigates to the naval mission off Odesa.\nAustria will fund the monitoring mission.\nThe exact amount has not been disclosed.\n",
    );
    caveat(&ex, CaveatKind::DetailsUnclear, &["AT"]);
    // a domain nobody pledged leaves it about the package; so does a coalition pledge
    let ex = facts(
        "Portugal will send two frigates to the naval mission off Odesa.\nHow many troops any country would send has not been decided.\n",
    );
    caveat(&ex, CaveatKind::DetailsUnclear, &[]);
    let ex = facts(
        "The coalition agreed to fund a demining programme for Ukraine.\nThe exact amount has not been disclosed.\n",
    );
    caveat(&ex, CaveatKind::DetailsUnclear, &[]);
}

#[test]
fn caveat_russian_opposition_named() {
    let ex = facts(
        "Russia's envoy said the participation of Greece in the mission \"will not go unanswered\".\n",
    );
    let c = caveat(&ex, CaveatKind::Opposition, &["GR"]);
    fired(&c.meta.rules, "caveat.russian-opposition.named");
    // a country named before Russia speaks is not what Russia objects to, and a doubt about
    // the peace names no part of the package
    let ex = facts(
        "Sweden's prime minister said Moscow was \"not ready for peace\" and rejected any pause in the talks.\n",
    );
    let objections: Vec<_> = ex
        .caveats
        .iter()
        .filter(|c| c.caveat == CaveatKind::Opposition)
        .collect();
    assert!(
        !objections.is_empty() && objections.iter().all(|c| c.about.is_empty()),
        "{:?}",
        ex.caveats
    );
}

#[test]
fn caveat_russian_opposition_earlier_pledges() {
    let ex = facts(
        "Croatia and Slovenia agreed to pay for 300 drones for Ukraine.\nMoscow called the deal a provocation.\n",
    );
    let c = caveat(&ex, CaveatKind::Opposition, &["HR", "SI"]);
    fired(&c.meta.rules, "caveat.russian-opposition.earlier-pledges");
    // only what was pledged: an offer is no deal yet
    let ex = facts(
        "Croatia said on Monday that it could offer two transport helicopters to the Ukrainian air force next year.\nMoscow called the plan a dangerous provocation by the West.\n",
    );
    caveat(&ex, CaveatKind::Opposition, &[]);
}

#[test]
fn declining_to_say_whether_is_no_plan() {
    let ex = facts("Austria declined to say whether it would send troops to the mission.\n");
    no_commitments(&ex);
    caveat(&ex, CaveatKind::DetailsUnclear, &["AT"]);
}

#[test]
fn russian_condemnation_in_other_words_is_opposition() {
    for text in [
        "The Kremlin condemned the Dutch plan to send frigates to the Black Sea.\n",
        "Moscow said Dutch frigates in the Black Sea would make the Netherlands a party to the conflict.\n",
        "A Russian diplomat threatened a response if Dutch frigates entered the Black Sea.\n",
    ] {
        let ex = facts(text);
        assert!(
            ex.caveats
                .iter()
                .any(|c| c.caveat == CaveatKind::Opposition),
            "{text}: {:?}",
            ex.caveats
        );
    }
}

#[test]
fn figures_not_announced_are_unclear() {
    for text in [
        "Belgium will fund mine clearance in Ukraine, though no amount has been announced.\n",
        "Belgium will fund mine clearance in Ukraine; its officials gave no timeline.\n",
        "Belgium will fund mine clearance in Ukraine, but the budget has not yet been finalised.\n",
    ] {
        let ex = facts(text);
        caveat(&ex, CaveatKind::DetailsUnclear, &["BE"]);
    }
}

#[test]
fn whole_limited_role_phrases_are_not_cut_by_will_not() {
    let ex =
        facts("Irish aircraft would not fly combat missions over Ukraine, the minister said.\n");
    caveat(&ex, CaveatKind::LimitedRole, &["IE"]);
    let ex = facts(
        "Finland will train Ukrainian medics at home; its instructors will not be deployed to Ukraine.\n",
    );
    caveat(&ex, CaveatKind::LimitedRole, &["FI"]);
}
