//! Components: props in, typed callbacks out; no context, no browser calls.
pub mod choice_options;
pub mod confirm_button;
pub mod lang_switch;
pub mod level_bars;
pub mod loss_list;
pub mod notice_list;
pub mod number_field;
pub mod overall_card;
pub mod profile_form;
pub mod question_field;
pub mod radar_chart;
pub mod radio_group;
pub mod select_field;
pub mod step_nav;
pub mod text_field;
