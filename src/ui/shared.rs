//! `Shared<T>`: an `Rc` that props compare by pointer, so large read-only data (questionnaires) is never deep-compared;
//! `Static<T>`: the same for data that lives as long as the page (the built-in catalogue), which views derived from it
//! may borrow.
use std::ops::Deref;
use std::rc::Rc;

/// Read-only data shared between components; equal when it is the same allocation.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Data that lives as long as the page; equal when it is the same data.
#[derive(Debug)]
pub struct Static<T: 'static>(pub &'static T);

impl<T> Clone for Static<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Static<T> {}

impl<T> PartialEq for Static<T> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl<T> Deref for Static<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0
    }
}

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
    }
}
