//! The enterprise profile form: identity, sector, size, place and the data Decree 80 uses for priority.
use super::radio_group::RadioGroup;
use super::select_field::SelectField;
use super::text_field::TextField;
use crate::domain::records::profile::{
    EntityType, Profile, ProfileEdit, ProfileField, SectorGroup,
};
use crate::ui::context::Tr;
use crate::ui::describe::Describe;
use std::collections::BTreeMap;
use yew::prelude::*;

/// Props of [`ProfileForm`].
#[derive(Properties, PartialEq)]
pub struct ProfileFormProps {
    /// Translator (also holds the province table).
    pub tr: Tr,
    /// The stored profile.
    pub profile: Profile,
    /// The typed text of the number fields (kept even when it does not parse, so nothing typed is lost).
    pub numbers: BTreeMap<ProfileField, String>,
    /// Messages by field.
    pub errors: BTreeMap<ProfileField, AttrValue>,
    /// Called with a change to a text or choice field.
    pub on_edit: Callback<ProfileEdit>,
    /// Called with the typed text of a number field.
    pub on_number: Callback<(ProfileField, String)>,
}

/// The profile form.
#[component]
pub fn ProfileForm(props: &ProfileFormProps) -> Html {
    let tr = &props.tr;
    let p = &props.profile;
    let edit = |f: fn(String) -> ProfileEdit| {
        let cb = props.on_edit.clone();
        Callback::from(move |v: String| cb.emit(f(v)))
    };
    let number = |field: ProfileField| {
        let cb = props.on_number.clone();
        Callback::from(move |v: String| cb.emit((field, v)))
    };
    let num_text =
        |f: ProfileField| AttrValue::from(props.numbers.get(&f).cloned().unwrap_or_default());
    let err = |f: ProfileField| props.errors.get(&f).cloned();
    let entity_options: Vec<(AttrValue, AttrValue)> = EntityType::ALL
        .iter()
        .map(|e| (AttrValue::from(e.code()), e.describe(tr)))
        .collect();
    let on_entity = {
        let cb = props.on_edit.clone();
        Callback::from(move |v: AttrValue| {
            cb.emit(ProfileEdit::EntityType(
                EntityType::ALL.into_iter().find(|e| e.code() == v.as_str()),
            ))
        })
    };
    let sector_options: Vec<(AttrValue, AttrValue)> = SectorGroup::ALL
        .iter()
        .map(|s| (AttrValue::from(s.code()), s.describe(tr)))
        .collect();
    let on_sector = {
        let cb = props.on_edit.clone();
        Callback::from(move |v: AttrValue| {
            cb.emit(ProfileEdit::Sector(
                SectorGroup::ALL
                    .into_iter()
                    .find(|s| s.code() == v.as_str()),
            ))
        })
    };
    let provinces: Vec<(AttrValue, AttrValue)> = tr
        .catalog
        .provinces
        .provinces
        .iter()
        .map(|x| {
            (
                AttrValue::from(x.code.clone()),
                AttrValue::from(x.name.clone()),
            )
        })
        .collect();
    let on_province = {
        let cb = props.on_edit.clone();
        Callback::from(move |v: Option<String>| cb.emit(ProfileEdit::Province(v)))
    };
    let yes_no = vec![
        (AttrValue::from("yes"), tr.t("common.yes")),
        (AttrValue::from("no"), tr.t("common.no")),
    ];
    let on_woman = {
        let cb = props.on_edit.clone();
        Callback::from(move |v: AttrValue| {
            cb.emit(ProfileEdit::WomanOwner(Some(v.as_str() == "yes")))
        })
    };
    let woman = p
        .woman_owner
        .map(|w| AttrValue::from(if w { "yes" } else { "no" }));
    html! {
        <div class="profile-form">
            <fieldset class="question">
                <legend>{ tr.t("profile.who") }</legend>
                <TextField id="pf-name" label={tr.t("profile.name")} hint={tr.t("profile.name_why")} value={p.name.clone()}
                    autocomplete="organization" on_change={edit(ProfileEdit::Name)} />
                <TextField id="pf-tax" label={tr.t("profile.tax_code")} hint={tr.t("profile.tax_why")} value={p.tax_code.clone()}
                    inputmode="numeric" error={err(ProfileField::TaxCode)} on_change={edit(ProfileEdit::TaxCode)} />
                <RadioGroup name="pf-entity" legend={tr.t("profile.entity")} options={entity_options}
                    selected={p.entity_type.map(|e| AttrValue::from(e.code()))} on_change={on_entity} />
            </fieldset>
            <fieldset class="question">
                <legend>{ tr.t("profile.sector_legend") }</legend>
                <RadioGroup name="pf-sector" legend={tr.t("profile.sector")} hint={tr.t("profile.sector_why")} options={sector_options}
                    selected={p.sector.map(|s| AttrValue::from(s.code()))} on_change={on_sector} />
                <TextField id="pf-activity" label={tr.t("profile.activity")} value={p.main_activity.clone()} on_change={edit(ProfileEdit::MainActivity)} />
            </fieldset>
            <fieldset class="question">
                <legend>{ tr.t("profile.size_legend") }</legend>
                <p class="hint">{ tr.t("profile.size_why") }</p>
                <TextField id="pf-employees" label={tr.t("profile.employees")} value={num_text(ProfileField::Employees)} inputmode="numeric"
                    unit={tr.t("profile.unit_people")} error={err(ProfileField::Employees)} on_change={number(ProfileField::Employees)} />
                <TextField id="pf-revenue" label={tr.t("profile.revenue")} value={num_text(ProfileField::Revenue)} inputmode="decimal"
                    unit={tr.t("profile.unit_bn")} error={err(ProfileField::Revenue)} on_change={number(ProfileField::Revenue)} />
                <TextField id="pf-capital" label={tr.t("profile.capital")} value={num_text(ProfileField::Capital)} inputmode="decimal"
                    unit={tr.t("profile.unit_bn")} error={err(ProfileField::Capital)} on_change={number(ProfileField::Capital)} />
            </fieldset>
            <fieldset class="question">
                <legend>{ tr.t("profile.place_legend") }</legend>
                <SelectField id="pf-province" label={tr.t("profile.province")} hint={tr.t("profile.province_why")} empty={tr.t("profile.choose")}
                    options={provinces} selected={p.province.clone().map(AttrValue::from)} on_change={on_province} />
                <TextField id="pf-commune" label={tr.t("profile.commune")} value={p.commune.clone()} on_change={edit(ProfileEdit::Commune)} />
            </fieldset>
            <fieldset class="question">
                <legend>{ tr.t("profile.women_legend") }</legend>
                <p class="hint">{ tr.t("profile.women_why") }</p>
                <RadioGroup name="pf-woman" legend={tr.t("profile.woman_owner")} options={yes_no} selected={woman} on_change={on_woman} />
                <TextField id="pf-female" label={tr.t("profile.female_share")} value={num_text(ProfileField::FemaleShare)} inputmode="decimal"
                    unit="%" error={err(ProfileField::FemaleShare)} on_change={number(ProfileField::FemaleShare)} />
            </fieldset>
        </div>
    }
}
