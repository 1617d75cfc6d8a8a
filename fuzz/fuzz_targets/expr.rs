//! The condition-expression parser: `Expr::parse`. Property (claimed by the code: conditions are shown and stored
//! as `to_string()`): whatever parses prints to text that parses back to the same expression.
#![no_main]
use dx_check::domain::assessment::answer::Answer;
use dx_check::domain::assessment::expr::Expr;
use dx_check::domain::assessment::text::OptionId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(src) = dx_check_fuzz::text(data) else {
        return;
    };
    let Ok(e) = Expr::parse(src) else {
        return;
    };
    let shown = e.to_string();
    match Expr::parse(&shown) {
        Ok(back) => assert_eq!(back, e, "round trip changed {src:?}: printed as {shown:?}"),
        Err(err) => panic!(
            "round trip failed for {src:?}: printed as {shown:?}, which does not parse: {err}"
        ),
    }
    let _ = e.leaves();
    let answers = [
        Answer::Choice(OptionId("yes".into())),
        Answer::Multi(vec![OptionId("a".into()), OptionId("b".into())]),
        Answer::Number(3.0),
        Answer::Ratio { num: 1.0, den: 4.0 },
        Answer::DontKnow,
    ];
    let _ = e.eval(&|q| answers.get(q.as_str().len() % (answers.len() + 1)));
});
