/* wm-sample-people.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-sample-private.h"

#include <string.h>

/*
 * Names, addresses and contacts of the sample school's families. Every
 * surname is invented and most are plainly so ("O'Test", "García-Prueba"),
 * so a generated file never describes a real person. The lists contain the
 * names that break naive software: apostrophes, hyphens, spaces, accents and
 * letters outside Latin-1, all in Unicode NFC.
 *
 * Addresses are on invented streets in an invented town with postcodes in
 * the unused "ZZ" area; telephone numbers are in the ranges Ofcom keeps
 * for drama (01632 960xxx, 07700 900xxx); email addresses use the
 * reserved ".invalid" domain.
 */

typedef struct
{
  const char *name;
  const char *plain;            /* the name a pupil may go by, or NULL */
} Forename;

static const Forename girls[] = {
  { "Zoë", "Zoe" }, { "Chloé", "Chloe" }, { "Amélie", "Amelie" },
  { "Siobhán", NULL }, { "Ffion", NULL }, { "Aisha", NULL },
  { "Priya", NULL }, { "Isla", NULL }, { "Niamh", NULL }, { "Maja", NULL },
  { "Hana", NULL }, { "Renée", "Renee" }, { "Olivia", "Liv" },
  { "Poppy", NULL }, { "Grace", NULL }, { "Freya", NULL },
  { "Imogen", "Immy" }, { "Mary-Jane", NULL }, { "Anna-Lena", NULL },
  { "Ngozi", NULL }, { "Fatima", NULL }, { "Lucía", "Lucia" },
  { "Agnieszka", "Aga" }, { "Ruby", NULL }, { "Sofia", NULL },
  { "Nour", NULL }, { "Eilidh", NULL }, { "Bethan", NULL },
};

static const Forename boys[] = {
  { "José", "Jose" }, { "Łukasz", "Lukasz" }, { "Oisín", "Oisin" },
  { "Zoltán", NULL }, { "Jean-Luc", NULL }, { "Oliver", "Ollie" },
  { "Noah", NULL }, { "Theo", NULL }, { "Arjun", NULL }, { "Kofi", NULL },
  { "Mateusz", "Mat" }, { "Rhys", NULL }, { "Dylan", NULL },
  { "Finley", "Finn" }, { "Hamza", NULL }, { "Leo", NULL },
  { "Alfie", NULL }, { "Reuben", NULL }, { "Tomás", "Tomas" },
  { "Kai", NULL }, { "Ibrahim", NULL }, { "Jacob", "Jake" },
  { "Yusuf", NULL }, { "Callum", NULL }, { "Owen", NULL }, { "Rory", NULL },
  { "Samuel", "Sam" }, { "Idris", NULL },
};

static const char *const surnames[] = {
  "O'Test", "D'Souza", "Smith-Jones", "O'Sample", "Testwood",
  "Brackenbury-Vale", "Dapplegate", "Elmsworth", "Fernsby", "Gorsebrook",
  "Hazelmere", "Inkersall", "Juniperton", "Kettlewell-Hart", "Larkmoor",
  "Marchbanks", "Nettlefold", "Pebbleworth", "Quillby", "Rookhaven",
  "Saltmarsh", "Thistlewood", "Underbrook", "Wrenfield", "Yarrowby",
  "Ó Testáin", "Müller-Probe", "García-Prueba", "Lefèvre-Essai",
  "Kowalska-Testowa", "Nguyễn-Mẫu", "De la Muestra",
};

static const char *const women[] = {
  "Sarah", "Joanne", "Agata", "Precious", "Nadia", "Louise", "Siân",
  "Bernadette", "Kerry-Ann", "Françoise", "Aoife", "Shabnam",
};

static const char *const men[] = {
  "Darren", "Piotr", "Tunde", "Gareth", "Imran", "Seán", "Lee", "Marco",
  "Raj", "Stéphane", "Dariusz", "Kwame",
};

static const char *const street_names[] = {
  "Alder", "Beacon", "Brook", "Chapel", "Clover", "Damson", "Elm", "Ferry",
  "Foundry", "Garden", "Heron", "Kiln", "Lark", "Linden", "Mill",
  "Nursery", "Orchard", "Quarry", "Rowan", "Sandpiper", "Tannery",
  "Weaver", "Willow", "Wren",
};

static const char *const street_kinds[] = {
  "Road", "Street", "Lane", "Close", "Avenue", "Grove", "Way", "Drive",
  "Crescent", "Walk",
};

#define N_STREETS (G_N_ELEMENTS (street_names) * G_N_ELEMENTS (street_kinds))

/* The last two letters of a UK postcode are never C, I, K, M, O or V. */
static const char postcode_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

/* Random streams: each family and each pupil draws from its own stream,
 * so a family is built the same for every sibling. */
#define FAMILY_STREAM G_GUINT64_CONSTANT (0x46414d0000000000)

static void
format_street (char        *buf,
               gsize        size,
               guint        street)
{
  g_snprintf (buf, size, "%s %s", street_names[street % G_N_ELEMENTS (street_names)],
              street_kinds[street / G_N_ELEMENTS (street_names)]);
}

static void
format_postcode (char  buf[10],
                 guint street,
                 guint house)
{
  guint n_letters = sizeof postcode_letters - 1;

  g_snprintf (buf, 10, "ZZ%u %u%c%c", 1 + street % 9, house % 10,
              postcode_letters[street % n_letters],
              postcode_letters[(street / n_letters + house) % n_letters]);
}

/* Another address in town: house numbers from 300 never meet a family's
 * own address, which keeps families apart by address. */
static void
contact_elsewhere (WmSampleContact *contact,
                   WmSampleRng     *rng)
{
  guint street = _wm_sample_rng_below (rng, N_STREETS);

  contact->address_house = _wm_sample_rng_range (rng, 300, 699);
  format_street (contact->address_street, sizeof contact->address_street, street);
  format_postcode (contact->postcode, street, contact->address_house);
}

static void
contact_fill (WmSampleContact *contact,
              WmSampleRng     *rng,
              guint            family_index,
              guint            order)
{
  g_snprintf (contact->phone, sizeof contact->phone, "07700 900%03u",
              _wm_sample_rng_below (rng, 1000));
  g_snprintf (contact->email, sizeof contact->email,
              "contact%u.family%u@example.invalid", order, family_index + 1);
}

/* Relationship codes of a Common Transfer File contact: PAM mother, PAF
 * father, GRM grandmother, GRF grandfather, CHM childminder. Parents have
 * parental responsibility, and grandparents and childminders here do not.
 * NOTE: these codes were written from memory of school system exports and
 * not checked against the published CTF code list. The importer stores the
 * code as given, so only the demo's wording depends on them. */
static void
contact_parent (WmSampleContact *contact,
                const char      *family_surname,
                gboolean         mother,
                WmSampleRng     *rng)
{
  static const char *const mother_titles[] = { "Ms", "Mrs", "Miss", "Dr" };
  static const char *const father_titles[] = { "Mr", "Mr", "Mr", "Dr" };

  contact->title = (mother ? mother_titles : father_titles)[_wm_sample_rng_below (rng, 4)];
  contact->forename = mother ? women[_wm_sample_rng_below (rng, G_N_ELEMENTS (women))]
                             : men[_wm_sample_rng_below (rng, G_N_ELEMENTS (men))];
  contact->surname = family_surname;
  if (_wm_sample_rng_chance (rng, 200))
    contact->surname = surnames[_wm_sample_rng_below (rng, G_N_ELEMENTS (surnames))];
  contact->relationship = mother ? "PAM" : "PAF";
  contact->responsibility = TRUE;
}

static void
contact_other (WmSampleContact *contact,
               const char      *family_surname,
               WmSampleRng     *rng)
{
  gboolean grandmother = _wm_sample_rng_chance (rng, 500);

  contact_parent (contact, family_surname, grandmother, rng);
  contact->relationship = grandmother ? "GRM" : "GRF";
  contact->responsibility = FALSE;
  if (_wm_sample_rng_chance (rng, 400))
    {
      contact->title = "Mrs";
      contact->forename = women[_wm_sample_rng_below (rng, G_N_ELEMENTS (women))];
      contact->surname = surnames[_wm_sample_rng_below (rng, G_N_ELEMENTS (surnames))];
      contact->relationship = "CHM";
    }
  if (_wm_sample_rng_chance (rng, 700) || g_str_equal (contact->relationship, "CHM"))
    contact_elsewhere (contact, rng);
}

/* One or two contacts: a parent, then (for most families) the other
 * parent, sometimes living elsewhere, or a grandparent or childminder. */
static void
family_contacts (WmSampleFamily *family,
                 guint           family_index,
                 WmSampleRng    *rng)
{
  gboolean mother_first = _wm_sample_rng_chance (rng, 750);

  memset (family->contacts, 0, sizeof family->contacts);
  contact_parent (&family->contacts[0], family->surname, mother_first, rng);
  family->n_contacts = _wm_sample_rng_chance (rng, 700) ? 2 : 1;

  if (family->n_contacts == 2 && _wm_sample_rng_chance (rng, 600))
    {
      contact_parent (&family->contacts[1], family->surname, !mother_first, rng);
      if (_wm_sample_rng_chance (rng, 300))
        contact_elsewhere (&family->contacts[1], rng);
    }
  else if (family->n_contacts == 2)
    {
      contact_other (&family->contacts[1], family->surname, rng);
    }

  for (guint i = 0; i < family->n_contacts; i++)
    contact_fill (&family->contacts[i], rng, family_index, i + 1);
}

/**
 * _wm_sample_family_build:
 * @family: (out caller-allocates): the family
 * @seed: the generator's seed
 * @family_index: the family's number, from 0
 *
 * Builds a family from its number alone, so that every sibling gets the
 * same one. Two families never share an address: the street and house
 * number come from the family's number one-to-one.
 */
void
_wm_sample_family_build (WmSampleFamily *family,
                         guint64         seed,
                         guint           family_index)
{
  WmSampleRng rng;
  guint street = (guint) ((family_index + seed % N_STREETS) % N_STREETS);

  _wm_sample_rng_init (&rng, seed, FAMILY_STREAM + family_index);
  family->surname = surnames[_wm_sample_rng_below (&rng, G_N_ELEMENTS (surnames))];
  family->house = 1 + family_index / N_STREETS;
  format_street (family->street, sizeof family->street, street);
  format_postcode (family->postcode, street, family->house);
  g_snprintf (family->phone, sizeof family->phone, "01632 960%03u",
              _wm_sample_rng_below (&rng, 1000));
  g_snprintf (family->email, sizeof family->email, "family%u@example.invalid",
              family_index + 1);

  family_contacts (family, family_index, &rng);
}

/**
 * _wm_sample_child_build:
 * @child: (out caller-allocates): the pupil's names
 * @rng: the pupil's generator
 *
 * Draws a pupil's sex, forename, middle name and the short or unaccented
 * form some pupils go by.
 */
void
_wm_sample_child_build (WmSampleChild *child,
                        WmSampleRng   *rng)
{
  const Forename *names;
  guint n_names, pick;

  child->female = _wm_sample_rng_chance (rng, 500);
  names = child->female ? girls : boys;
  n_names = child->female ? G_N_ELEMENTS (girls) : G_N_ELEMENTS (boys);

  pick = _wm_sample_rng_below (rng, n_names);
  child->forename = names[pick].name;
  child->preferred_forename = NULL;
  if (names[pick].plain != NULL && _wm_sample_rng_chance (rng, 400))
    child->preferred_forename = names[pick].plain;

  child->middle_name = NULL;
  if (_wm_sample_rng_chance (rng, 350))
    child->middle_name = names[(pick + 1 + _wm_sample_rng_below (rng, n_names - 1)) % n_names].name;
}

/**
 * _wm_sample_other_school:
 * @index: any number; it picks one school
 * @primary: whether the sample school is a primary school
 *
 * Returns: the name of another invented school of the same phase, where
 *   a pupil who joined during the year was before
 */
const char *
_wm_sample_other_school (guint    index,
                         gboolean primary)
{
  static const char *const primaries[] = {
    "Hollowmere Primary School", "St Aldric's CE Primary School",
    "Kingsbrook Infant and Junior School",
  };
  static const char *const secondaries[] = {
    "Hollowmere Academy", "St Aldric's High School", "Kingsbrook School",
  };

  return (primary ? primaries : secondaries)[index % 3];
}
