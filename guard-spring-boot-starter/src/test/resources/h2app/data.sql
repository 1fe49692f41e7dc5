INSERT INTO owners (name) VALUES ('George Franklin'), ('Betty Davis');
INSERT INTO pets (name, owner_id) VALUES ('Leo', 1), ('Basil', 2);
INSERT INTO visits (pet_id, description) VALUES (1, 'rabies shot');
